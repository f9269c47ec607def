// The interpreter host: one clang::Interpreter serving the kernel's requests,
// a cell (execute.cpp) or a command (commands.cpp) at a time.
#pragma once
#include "compiled_once.h"
#include "diagnostics.h"
#include "shadowing.h"

#include "clang/Frontend/CompilerInstance.h"
#include "clang/Interpreter/Interpreter.h"

#include <memory>
#include <string>

namespace cppnb {

// Gives access to the constructor that takes our own AST consumer.
class CellInterpreter : public clang::Interpreter {
public:
  CellInterpreter(std::unique_ptr<clang::CompilerInstance> CI, llvm::Error &Err,
                  std::unique_ptr<clang::IncrementalExecutorBuilder> Executor,
                  std::unique_ptr<clang::ASTConsumer> Consumer)
      : Interpreter(std::move(CI), Err, std::move(Executor), std::move(Consumer)) {}
};

class Host {
public:
  explicit Host(int logFd) : LogFd(logFd) {}
  bool start(int argc, char **argv);
  std::string execute(const std::string &code);
  // A request that is not a cell; readsOnly tells that it changed nothing
  // (so the newest snapshot still holds the state).
  std::string command(const std::string &verb, const std::string &arg, bool &readsOnly);
  // Appends where the last request's time went to its reply, and what its
  // #pragma cling lines changed.
  std::string finishReply(std::string reply) const;
  // From now on the library may compile code while a cell runs
  // (compile_while_running.cpp): the address of symbol, or null and error.
  void serveCompiles();
  void *compileWhileRunning(const std::string &code, const std::string &symbol, std::string &error);
  // Set when the reply just built must be the last thing this process does.
  bool HandOver = false;
  // Set when the cell just run changed nothing (read_only_cell.h).
  bool ChangedNothing = false;

private:
  // The command verbs (commands.cpp).
  std::string chdir(const std::string &arg);
  std::string setenv(const std::string &arg);
  std::string include(const std::string &arg);
  std::string libpath(const std::string &arg);
  std::string lib(const std::string &arg);
  std::string who(const std::string &arg);
  std::string undo(const std::string &arg);
  std::string fallbackNamespace(const std::string &arg);
  friend struct CommandTable;

  int LogFd;
  std::unique_ptr<CellInterpreter> Interp;
  ShadowingConsumer *Shadowing = nullptr;
  CompiledOnce *Once = nullptr;
  CellDiagnostics *Diags = nullptr;
  unsigned Cell = 0;
  struct Timings {
    long user = 0, system = 0, run = 0, compile = 0; // microseconds
  } Last;
};

} // namespace cppnb
