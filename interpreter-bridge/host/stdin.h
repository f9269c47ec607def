// stdin for cells: fd 0 is a pipe the host fills on demand.
//
// A thread watches the main thread while a cell runs; when it is blocked in
// read(0, ...) (what std::cin, scanf, getchar and fgets all end in) it asks the
// kernel for a line (frame 'I'), and writes the answer into the pipe, or closes
// it for end of file when the client cannot answer.
#pragma once

namespace cppnb {

constexpr int kInputFd = 5; // kernel → host: answers to input requests

// Kernel → host frames on kInputFd.
enum InputAnswer : char {
  InputText = 'N',  // payload: the text to feed, newline included
  InputEof = 'Z',   // the client cannot answer: end of file
  InputCancel = 'C' // the cell ended first: forget the request
};

// Both on the main thread: at start, and in a snapshot that takes over.
void startStdin();
// Called before each cell: a fresh pipe if the last one was closed, flags cleared.
void resetStdinForCell();
void restartStdinWatcher();
// In a snapshot: drop the pipe's write end, or end of file could never reach
// the serving host's cells (a new pipe is made when the snapshot takes over).
void forgetStdinWriter();

} // namespace cppnb
