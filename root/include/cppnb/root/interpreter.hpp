// gInterpreter (ROOT's TInterpreter) and the interpreter calls of gROOT:
// code handed over as text — a line, a declaration, a macro file — compiled
// in the session's own interpreter while the cell runs (jit.hpp), so it sees
// and adds to everything the session has. Without an interpreter (a g++
// program) each call says so and fails.
#pragma once

#include "jit.hpp"
#include "system.hpp"

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

namespace cppnb::root {

class TInterpreter : public TNamed {
public:
  TInterpreter() : TNamed("Cling", "cppnb's interpreter (clang::Interpreter)") {}
  const char *ClassName() const override { return "TInterpreter"; }

  // Declarations (functions, classes, globals) added to the session.
  bool Declare(const char *code) {
    std::string error;
    bool ok = compile(std::string("declare:") + code, std::string(code ? code : "") + "\n", "{ return 0; }", error) != nullptr;
    if (!ok) std::fprintf(stderr, "Error in <TInterpreter::Declare>: %s\n", error.c_str());
    return ok;
  }

  // A line as at ROOT's prompt: ".x file.C(args)" runs a macro, ".L file.C"
  // loads one, anything else is C++ (an expression's value comes back).
  long ProcessLine(const char *line, int *error = nullptr) {
    std::string l = trim(line ? line : "");
    if (error) *error = 0;
    if (l.rfind(".x ", 0) == 0 || l.rfind(".X ", 0) == 0) return ExecuteMacro(trim(l.substr(3)).c_str(), error);
    if (l.rfind(".L ", 0) == 0) return LoadMacro(trim(l.substr(3)).c_str(), error);
    if (l.empty()) return 0;
    std::string why;
    // An expression's value first; a statement (void, a declaration) if not.
    if (auto f = compile("line:" + l, "", "{ return (long)(" + l + "); }", why)) return f();
    if (auto f = compile("statement:" + l, "", "{ " + l + "; return 0; }", why)) return f();
    std::fprintf(stderr, "Error in <TInterpreter::ProcessLine>: %s\n", why.c_str());
    if (error) *error = 1;
    return 0;
  }
  long ProcessLineSynch(const char *line, int *error = nullptr) { return ProcessLine(line, error); }
  long Calc(const char *line, int *error = nullptr) { return ProcessLine(line, error); }

  // Loads a macro file's declarations into the session, once ("file.C+" as
  // ROOT's ACLiC: cppnb compiles every macro the same way).
  int LoadMacro(const char *filename, int *error = nullptr, bool = false) {
    std::string path = macroPath(filename), text, why;
    if (error) *error = 0;
    if (fLoaded.count(path)) return 0;
    if (!read(path, text, why) || !compile("file:" + path, text + "\n", "{ return 0; }", why)) {
      std::fprintf(stderr, "Error in <TInterpreter::LoadMacro>: %s: %s\n", path.c_str(), why.c_str());
      if (error) *error = 1;
      return -1;
    }
    fLoaded.insert(path);
    return 0;
  }
  int IsLoaded(const char *filename) const { return fLoaded.count(macroPath(filename)) ? 1 : 0; }

  // ".x": loads file.C and calls its function (named as the file) with the
  // arguments in "file.C(args)"; a macro that is one unnamed block `{ … }` runs.
  long ExecuteMacro(const char *filename, int *error = nullptr) {
    std::string spec = trim(filename ? filename : ""), args;
    size_t paren = spec.find('(');
    if (paren != std::string::npos && spec.back() == ')') args = spec.substr(paren + 1, spec.size() - paren - 2), spec.resize(paren);
    std::string path = macroPath(spec.c_str()), text, why;
    if (error) *error = 0;
    if (!read(path, text, why)) {
      std::fprintf(stderr, "Error in <TInterpreter::ExecuteMacro>: %s: %s\n", path.c_str(), why.c_str());
      if (error) *error = 1;
      return 0;
    }
    size_t first = text.find_first_not_of(" \t\r\n");
    bool unnamed = first != std::string::npos && text[first] == '{';
    if (unnamed) {
      if (auto f = compile("unnamed:" + path, "", "{\n" + text + "\nreturn 0; }", why)) return f();
    } else if (LoadMacro(spec.c_str(), error) == 0) {
      std::string function = stem(path);
      if (auto f = compile("call:" + function + "(" + args + ")", "", "{ " + function + "(" + args + "); return 0; }", why)) return f();
    } else {
      return 0;
    }
    std::fprintf(stderr, "Error in <TInterpreter::ExecuteMacro>: %s: %s\n", path.c_str(), why.c_str());
    if (error) *error = 1;
    return 0;
  }

private:
  using Entry = long (*)();
  std::set<std::string> fLoaded;

  static std::string trim(const std::string &s) {
    size_t a = s.find_first_not_of(" \t\r\n"), b = s.find_last_not_of(" \t\r\n;");
    return a == std::string::npos ? "" : s.substr(a, b - a + 1);
  }
  // "dir/file.C+g" → the file's path (ACLiC's suffixes dropped).
  static std::string macroPath(const char *filename) {
    std::string f = trim(filename ? filename : "");
    size_t dot = f.find_last_of('.');
    size_t plus = dot == std::string::npos ? std::string::npos : f.find('+', dot);
    if (plus != std::string::npos) f.resize(plus);
    return f;
  }
  static std::string stem(const std::string &path) {
    size_t slash = path.find_last_of('/');
    std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    return name.substr(0, name.find('.'));
  }
  static bool read(const std::string &path, std::string &text, std::string &why) {
    std::ifstream in(path);
    if (!in) {
      why = "cannot open the file";
      return false;
    }
    std::ostringstream all;
    all << in.rdbuf();
    text = all.str();
    return true;
  }
  // declarations, then an extern "C" long SYMBOL() with body: compiled once per key.
  static Entry compile(const std::string &key, const std::string &declarations, const std::string &body, std::string &why) {
    return jit::function<Entry>(key, "cppnb_interpreter_", [&](const std::string &symbol) {
      return declarations + "extern \"C\" long " + symbol + "() " + body + "\n";
    }, why);
  }
};

struct TheInterpreter {
  static TInterpreter *instance() {
    static TInterpreter interpreter;
    return &interpreter;
  }
};
inline GlobalPointer<TInterpreter, TheInterpreter> gInterpreter;

// A command to run on request (Exec) — ROOT runs a pad's TExecs on mouse
// events and repaints; a notebook's pictures have neither, so drawing a
// TExec or adding it to a histogram's functions runs nothing.
class TExec : public TNamed {
public:
  TExec() = default;
  TExec(const char *name, const char *command) : TNamed(name, command) {}
  const char *ClassName() const override { return "TExec"; }
  void SetAction(const char *command) { SetTitle(command); }
  const char *GetAction() const { return GetTitle(); }
  void Exec(const char *command = "") {
    const char *what = command && *command ? command : GetTitle();
    if (what && *what) gInterpreter->ProcessLine(what);
  }
  void Draw(Option_t * = "") override {}
};

} // namespace cppnb::root
