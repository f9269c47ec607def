// Framed protocol between the kernel (TypeScript) and this host.
//
// Every frame is one kind byte and a payload, sent in pieces (framing.h).
// The kernel writes requests on fd 3 and reads everything the host says on fd 4.
// The host owns fds 1 and 2 through pipes of its own and forwards what user code
// writes there as frames on fd 4, so output and replies arrive in one ordered stream.
#pragma once
#include "framing.h"
#include "json.h"

#include <string>

namespace cppnb {

constexpr int kRequestFd = 3;
constexpr int kReplyFd = 4;

// Kinds of frames the kernel sends.
enum Request : char {
  ReqExecute = 'X',   // payload: the cell's code, optionally after a kRedefinesHeader line
  ReqCommand = 'C',   // payload: verb, newline, argument (see Host::command)
  ReqQuit = 'Q',
};

// First line of an execute request naming the functions the cell defines,
// space-separated: their earlier definitions are hidden before it compiles.
constexpr const char *kRedefinesHeader = "//@cppnb-redefines ";

// Kinds of frames the host sends.
enum Reply : char {
  RepHello = 'H',     // JSON: {"pid": N, "clang": "..."}
  RepStdout = 'O',    // what user code wrote to fd 1, as JSON string text (output_text.h)
  RepStderr = 'E',    // the same for fd 2
  RepDone = 'R',      // JSON: the outcome of one request
  RepDisplay = 'D',   // JSON: a display message produced by user code
  RepInput = 'I',     // JSON: user code waits for a line on stdin
  RepRunning = 'U',   // "1": the user's code runs (the cell's, a library's initialisers), "0": compiling again;
                      // the host dying while compiling is clang's crash
};

// Sends one frame on the reply fd; thread-safe, and ordered with forwarded output.
void sendFrame(char kind, const std::string &payload);

// Sends text on stdout or stderr (RepStdout, RepStderr) as if user code printed it.
void sendOutput(char kind, const std::string &text);

// Holds the lock that orders every frame sent (for fork, see snapshot.cpp).
struct SendLock {
  SendLock();
  ~SendLock();
};

// Redirects fds 1 and 2 into pipes and starts the thread that forwards them.
// Returns an fd that still reaches the kernel's log (the original fd 2).
int startOutputCapture();

// Starts the forwarding thread again in a forked process that takes over.
void restartOutputForwarder();

// Flushes C stdio and forwards everything already written to fds 1 and 2
// (a character whose end is not written yet waits for it).
void flushOutput();

// flushOutput, at the end of a request: a character left unfinished becomes
// U+FFFD. Called before every reply so a cell's output precedes its result.
void drainOutput();

// Forwards what fds 1 and 2 hold now, without touching stdio (safe from any thread).
void forwardPendingOutput();


} // namespace cppnb
