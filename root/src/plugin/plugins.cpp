#include "plugins.hpp"

#include <dlfcn.h>
#include <pthread.h>

#include <map>
#include <mutex>

namespace cppnb::root::plugin {
namespace {

// Held while a plugin loads (~0.1 s for the remote one's libraries), and
// taken around every fork: the interpreter forks a snapshot after each cell,
// maybe while a thread a cell started is loading one. The fork then waits for
// the load to end, and the child has the plugin whole and the lock free (a
// child forked mid-load would hold the lock for good, or half a library).
std::mutex gMutex;
[[maybe_unused]] const int gForkSafe = pthread_atfork([] { gMutex.lock(); }, [] { gMutex.unlock(); }, [] { gMutex.unlock(); });

std::map<std::string, void *> &handles() {
  // Never destroyed: plugins stay loaded until the process ends.
  static auto *loadedPlugins = new std::map<std::string, void *>;
  return *loadedPlugins;
}

// The folder of libcppnb-root.so as the dynamic loader found it (the host's
// rpath, a program's -rpath), so plugins are found wherever the library is.
std::string libraryFolder() {
  Dl_info info{};
  if (dladdr(reinterpret_cast<void *>(&find), &info) == 0 || !info.dli_fname) return ".";
  std::string path = info.dli_fname;
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "." : path.substr(0, slash);
}

} // namespace

void *find(const char *name, const char *symbol, std::string *error) {
  std::lock_guard<std::mutex> lock(gMutex);
  std::string file = "libcppnb-root-" + std::string(name) + ".so";
  auto it = handles().find(name);
  void *handle = it != handles().end() ? it->second : nullptr;
  if (!handle) {
    std::string path = libraryFolder() + "/" + file;
    // RTLD_LOCAL: the plugin's libraries (XRootD's, glib's) stay out of the
    // names cells and programs resolve against.
    handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      const char *why = ::dlerror(); // names the file and what is wrong with it
      if (error) *error = why ? why : "cannot load " + path;
      return nullptr;
    }
    handles()[name] = handle;
  }
  ::dlerror();
  void *address = ::dlsym(handle, symbol);
  if (!address && error) *error = file + " has no " + symbol + " (built from another version of cppnb?)";
  return address;
}

bool loaded(const char *name) {
  std::lock_guard<std::mutex> lock(gMutex);
  return handles().count(name) != 0;
}

} // namespace cppnb::root::plugin
