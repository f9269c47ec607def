#include "search_paths.h"

#include "clang/Frontend/CompilerInstance.h"
#include "clang/Interpreter/Interpreter.h"
#include "clang/Lex/HeaderSearch.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/Support/Error.h"

#include <climits>
#include <dirent.h>
#include <cstdlib>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace cppnb {

static std::vector<std::string> gLibraryDirs;

std::string absolutePath(const std::string &path) {
  if (path.empty() || path[0] == '/') return path;
  char cwd[PATH_MAX];
  if (!getcwd(cwd, sizeof cwd)) return path;
  return std::string(cwd) + "/" + path;
}

static bool isDirectory(const std::string &path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

static bool isFile(const std::string &path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string addIncludeDir(clang::CompilerInstance &CI, const std::string &dir, bool &added) {
  added = false;
  // Not cached when missing: the directory may be made later in the session.
  auto ref = CI.getFileManager().getOptionalDirectoryRef(absolutePath(dir), /*CacheFailure=*/false);
  if (!ref) return "no such directory: " + dir;
  clang::HeaderSearch &HS = CI.getPreprocessor().getHeaderSearchInfo();
  for (const clang::DirectoryLookup &d : HS.search_dir_range())
    if (d.getDirRef() && *d.getDirRef() == *ref) return "";
  HS.AddSearchPath(clang::DirectoryLookup(*ref, clang::SrcMgr::C_User, /*isFramework=*/false), /*isAngled=*/true);
  added = true;
  return "";
}

std::string addLibraryDir(const std::string &dir) {
  std::string abs = absolutePath(dir);
  if (!isDirectory(abs)) return "no such directory: " + dir;
  for (const auto &d : gLibraryDirs)
    if (d == abs) return "";
  gLibraryDirs.push_back(abs);
  return "";
}

// The file names a library name may stand for, as the linker's -l and
// cling's load() take it: "m" and "libm" are libm.so.
static std::vector<std::string> fileNames(const std::string &name) {
  if (name.find(".so") != std::string::npos) return {name};
  if (name.rfind("lib", 0) == 0) return {name + ".so", "lib" + name + ".so"};
  return {"lib" + name + ".so", name + ".so"};
}

// Where the dynamic loader looks by default on Debian, and LD_LIBRARY_PATH.
static std::vector<std::string> loaderDirs() {
  std::vector<std::string> dirs;
  if (const char *env = getenv("LD_LIBRARY_PATH")) {
    std::string list = env;
    for (size_t at = 0; at <= list.size();) {
      size_t colon = list.find(':', at);
      if (colon == std::string::npos) colon = list.size();
      if (colon > at) dirs.push_back(list.substr(at, colon - at));
      at = colon + 1;
    }
  }
  for (const char *d : {"/usr/local/lib", "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64", "/lib", "/usr/lib"})
    dirs.push_back(d);
  return dirs;
}

// libNAME.so is often a linker script (libm.so) or missing (libpthread.so),
// with the library itself under its versioned name: the shortest libNAME.so.N…
// in the library directories, then in the loader's.
static std::string versionedFile(const std::string &file) {
  std::vector<std::string> dirs = gLibraryDirs;
  for (const auto &d : loaderDirs()) dirs.push_back(d);
  for (const auto &dir : dirs) {
    DIR *d = opendir(dir.c_str());
    if (!d) continue;
    std::string best;
    while (struct dirent *e = readdir(d)) {
      std::string n = e->d_name;
      if (n.rfind(file + ".", 0) == 0 && (best.empty() || n.size() < best.size())) best = n;
    }
    closedir(d);
    if (!best.empty()) return dir + "/" + best;
  }
  return "";
}

bool isBuiltInRootLibrary(const std::string &name) {
  static const char *const builtIn[] = {"Core", "MathCore", "MathMore", "Hist", "HistPainter", "Gpad", "Graf", "Graf3d", "Tree", "TreePlayer", "RIO", "Thread", "Imt", "Minuit", "Minuit2"};
  std::string base = name;
  if (base.rfind("lib", 0) == 0) base = base.substr(3);
  if (base.size() > 3 && base.compare(base.size() - 3, 3, ".so") == 0) base.resize(base.size() - 3);
  for (const char *b : builtIn)
    if (base == b) return true;
  return false;
}

std::string loadLibrary(clang::Interpreter &I, const std::string &name, std::string &loaded) {
  std::vector<std::string> tries;
  if (name.find('/') != std::string::npos) {
    tries.push_back(absolutePath(name));
  } else {
    std::vector<std::string> files = fileNames(name);
    for (const auto &dir : gLibraryDirs)
      for (const auto &f : files)
        if (isFile(dir + "/" + f)) tries.push_back(dir + "/" + f);
    // Then the dynamic loader's own search (LD_LIBRARY_PATH, ld.so.cache).
    tries.insert(tries.end(), files.begin(), files.end());
    for (const auto &f : files)
      if (f.find(".so.") == std::string::npos) {
        std::string v = versionedFile(f);
        if (!v.empty()) tries.push_back(v);
      }
  }
  std::string firstError;
  for (const auto &t : tries) {
    llvm::Error err = I.LoadDynamicLibrary(t.c_str());
    if (!err) {
      loaded = t;
      return "";
    }
    std::string msg = llvm::toString(std::move(err));
    if (firstError.empty()) firstError = msg;
  }
  return "cannot load " + name + ": " + firstError;
}

} // namespace cppnb
