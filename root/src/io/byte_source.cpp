#include "byte_source.hpp"
#include "remote_protocol.hpp"

#include "../plugin/plugins.hpp"

#include <cppnb/root/io/record.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace cppnb::root::io {
namespace {

class LocalFile : public ByteSource {
public:
  LocalFile(std::string path, int fd, uint64_t size) : fPath(std::move(path)), fFd(fd), fSize(size) {}
  ~LocalFile() override { ::close(fFd); }
  uint64_t size() const override { return fSize; }
  const std::string &name() const override { return fPath; }
  void read(uint64_t offset, size_t n, char *dst) const override {
    if (offset > fSize || n > fSize - offset)
      throw Error(fPath + ": a record at byte " + std::to_string(offset) + " runs past the end of the file (" +
                  std::to_string(fSize) + " bytes); the file is truncated or damaged");
    while (n > 0) {
      ssize_t got = ::pread(fFd, dst, n, off_t(offset));
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) throw Error(fPath + ": read error: " + (got < 0 ? std::strerror(errno) : "unexpected end of file"));
      dst += got, offset += uint64_t(got), n -= size_t(got);
    }
  }

private:
  std::string fPath;
  int fFd;
  uint64_t fSize;
};

} // namespace

std::unique_ptr<ByteSource> openLocalFile(const std::string &path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw Error("file " + path + " does not exist or cannot be read (" + std::strerror(errno) + ")");
  struct stat st {};
  if (::fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
    ::close(fd);
    throw Error(path + " is a directory, not a ROOT file");
  }
  return std::make_unique<LocalFile>(path, fd, uint64_t(st.st_size));
}

static bool startsWith(const std::string &s, const char *prefix) { return s.rfind(prefix, 0) == 0; }

bool isRemote(const std::string &name) {
  return startsWith(name, "root://") || startsWith(name, "xroot://") || startsWith(name, "http://") || startsWith(name, "https://");
}

const RemoteProtocol &remoteProtocol(const char *name) {
  std::string why;
  auto *protocol = static_cast<const RemoteProtocol *>(plugin::find("remote", name, &why));
  if (!protocol) throw Error("remote files (root://, https://) need the library's remote plugin: " + why);
  return *protocol;
}

static const char *protocolOf(const std::string &name) {
  if (startsWith(name, "root://") || startsWith(name, "xroot://")) return kXRootDProtocol;
  if (startsWith(name, "http://") || startsWith(name, "https://")) return kHttpProtocol;
  return nullptr;
}

std::unique_ptr<ByteSource> openSource(const std::string &name) {
  if (const char *scheme = protocolOf(name)) {
    auto open = remoteProtocol(scheme).open;
    return std::make_unique<CachedRemote>(open(name), [open, name] { return open(name); });
  }
  if (startsWith(name, "file://")) return openLocalFile(name.substr(7));
  return openLocalFile(name);
}

std::vector<std::string> expandRemote(const std::string &pattern) {
  const char *scheme = protocolOf(pattern);
  auto list = scheme ? remoteProtocol(scheme).list : nullptr;
  if (!list) throw Error("cannot expand " + pattern + ": an HTTP server lists no directories; name the files one by one");
  return list(pattern);
}

} // namespace cppnb::root::io
