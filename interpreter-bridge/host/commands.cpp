// Requests that are not cells, one method per verb, found in one table. Each
// changes or reads the interpreter's state without compiling anything the user
// typed.
#include "host.h"
#include "json.h"
#include "namespace_fallback.h"
#include "replies.h"
#include "search_paths.h"
#include "snapshot.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <map>
#include <unistd.h>

namespace cppnb {

struct CommandTable {
  using Method = std::string (Host::*)(const std::string &);
  struct Entry {
    Method run;
    bool readsOnly;
  };
  static const std::map<std::string, Entry> &entries() {
    static const std::map<std::string, Entry> table = {
        {"chdir", {&Host::chdir, false}},     {"setenv", {&Host::setenv, false}},
        {"include", {&Host::include, false}}, {"libpath", {&Host::libpath, false}},
        {"lib", {&Host::lib, false}},         {"who", {&Host::who, true}},
        {"undo", {&Host::undo, false}},       {"fallback_namespace", {&Host::fallbackNamespace, false}},
    };
    return table;
  }
};

std::string Host::command(const std::string &verb, const std::string &arg, bool &readsOnly) {
  auto found = CommandTable::entries().find(verb);
  readsOnly = true;
  if (found == CommandTable::entries().end()) return errorReply("ProtocolError", "unknown command " + verb, "");
  readsOnly = found->second.readsOnly;
  return (this->*found->second.run)(arg);
}

std::string Host::chdir(const std::string &arg) {
  if (::chdir(arg.c_str()) != 0) return errorReply("OSError", "cannot change to " + arg + ": " + strerror(errno), "");
  return okReply();
}

// NAME=VALUE sets, a bare NAME unsets.
std::string Host::setenv(const std::string &arg) {
  size_t eq = arg.find('=');
  int r = eq == std::string::npos ? ::unsetenv(arg.c_str())
                                  : ::setenv(arg.substr(0, eq).c_str(), arg.substr(eq + 1).c_str(), 1);
  if (r != 0) return errorReply("OSError", std::string("cannot set ") + arg + ": " + strerror(errno), "");
  return okReply();
}

std::string Host::include(const std::string &arg) {
  bool added;
  std::string problem = addIncludeDir(*Interp->getCompilerInstance(), arg, added);
  if (!problem.empty()) return errorReply("FileNotFoundError", problem, "");
  return okReply(added ? "true" : "false");
}

std::string Host::libpath(const std::string &arg) {
  std::string problem = addLibraryDir(arg);
  if (!problem.empty()) return errorReply("FileNotFoundError", problem, "");
  return okReply();
}

std::string Host::lib(const std::string &arg) {
  std::string loaded;
  std::string problem = loadLibrary(*Interp, arg, loaded);
  if (!problem.empty()) return errorReply("LibraryError", problem, "");
  return okReply(jsonString(loaded));
}

std::string Host::who(const std::string &) {
  std::string out = "[";
  for (auto &[name, type] : Shadowing->variables()) {
    if (out.size() > 1) out += ",";
    out += "{\"name\":" + jsonString(name) + ",\"type\":" + jsonString(inUsersTerms(type)) + "}";
  }
  return okReply(out + "]");
}

// Names nothing declares are looked up in namespace arg (namespace_fallback.h).
std::string Host::fallbackNamespace(const std::string &arg) {
  addNamespaceFallback(Interp->getCompilerInstance()->getSema(), arg);
  return okReply();
}

// Steps back N cells: the snapshot of the state N cells back takes over when
// this process exits.
std::string Host::undo(const std::string &arg) {
  size_t want = strtoul(arg.c_str(), nullptr, 10);
  size_t steps = std::min(want, undoableSteps());
  if (steps == 0) return okReply("0");
  // Cells that changed nothing are stepped over where we are.
  HandOver = prepareUndo(steps);
  return okReply(std::to_string(steps), HandOver);
}

} // namespace cppnb
