// Where the interpreter finds headers and shared libraries. The kernel's
// %include and %lib commands and the `#pragma cling` forms of them
// (cling_pragmas.h) share these, so a name resolves the same way from both.
#pragma once
#include <string>

namespace clang {
class CompilerInstance;
class Interpreter;
} // namespace clang

namespace cppnb {

// Adds dir to the directories #include <…> searches. Returns an error text,
// or "" (added tells whether it was new).
std::string addIncludeDir(clang::CompilerInstance &CI, const std::string &dir, bool &added);

// Adds dir to the directories a library's bare name is looked for in, before
// the dynamic loader's own search. Returns an error text, or "".
std::string addLibraryDir(const std::string &dir);

// Loads a library: a path, or a name as %lib and cling take it ("m",
// "libm", "libm.so", "libm.so.6"). Returns an error text, or "" with loaded
// set to what was loaded (a path when found in a library directory).
std::string loadLibrary(clang::Interpreter &I, const std::string &name, std::string &loaded);

// Whether name is one of ROOT's own libraries whose classes cppnb has built
// in (libMathCore, libHist, libTree…): a macro's R__LOAD_LIBRARY of it has
// nothing to load.
bool isBuiltInRootLibrary(const std::string &name);

// An absolute path for a relative one (against the current directory).
std::string absolutePath(const std::string &path);

} // namespace cppnb
