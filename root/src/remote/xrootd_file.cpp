// root:// files through XRootD's own client library (XrdCl, Debian's
// libxrootd-client-dev), as EOS serves them. Authentication is whatever XrdCl
// is configured for (unix; krb5 or a token/proxy where the environment has one).
#include "../io/remote_protocol.hpp"

#include <cppnb/root/io/record.hpp>

#include <XrdCl/XrdClDefaultEnv.hh>
#include <XrdCl/XrdClFile.hh>
#include <XrdCl/XrdClFileSystem.hh>

#include <algorithm>
#include <cstdlib>
#include <fnmatch.h>
#include <mutex>

namespace cppnb::root::io {
namespace {

// Per request, in seconds: a server that stops answering fails the read
// instead of hanging the cell.
constexpr uint16_t kTimeout = 60;

// XrdCl's defaults wait up to 10 minutes for an unreachable server (5 tries of
// 120 s): a notebook should know in seconds. Settings from the environment
// (XRD_CONNECTIONWINDOW, …) still win.
void configureOnce() {
  static bool done = [] {
    XrdCl::Env *env = XrdCl::DefaultEnv::GetEnv();
    auto set = [&](const char *key, const char *shellKey, int value) {
      if (!std::getenv(shellKey)) env->PutInt(key, value);
    };
    set("ConnectionWindow", "XRD_CONNECTIONWINDOW", 10);
    set("ConnectionRetry", "XRD_CONNECTIONRETRY", 1);
    set("RequestTimeout", "XRD_REQUESTTIMEOUT", kTimeout);
    set("StreamErrorWindow", "XRD_STREAMERRORWINDOW", kTimeout);
    return true;
  }();
  (void)done;
}

// XrdCl objects are never destroyed: a File's state may be freed by one of
// XrdCl's threads after our Close returns, and XrdCl's own fork handler
// deadlocks against that (it holds the state's lock, joins the thread, the
// thread waits for the lock: seen with the host's fork after each cell). Kept
// closed, they cost a few hundred bytes each.
template <class T> void keepForever(std::unique_ptr<T> object) {
  static auto *kept = new std::vector<std::unique_ptr<T>>();
  static std::mutex m;
  std::lock_guard<std::mutex> lock(m);
  kept->push_back(std::move(object));
}

std::string why(const XrdCl::XRootDStatus &status) {
  std::string message = status.GetErrorMessage();
  if (message.empty()) return status.ToString();
  // XrdCl's message alone ("No protocols left to try") does not say it was the authentication.
  if (status.code == XrdCl::errAuthFailed) return "authentication refused (Auth failed: " + message + ")";
  return message;
}

class XRootDFile : public RemoteFile {
public:
  explicit XRootDFile(std::string url) : fUrl(std::move(url)), fFile(std::make_unique<XrdCl::File>()) {
    configureOnce();
    XrdCl::XRootDStatus st = fFile->Open(fUrl, XrdCl::OpenFlags::Read, XrdCl::Access::None, kTimeout);
    if (!st.IsOK()) {
      keepForever(std::move(fFile));
      throw Error("cannot open " + fUrl + ": " + why(st));
    }
    XrdCl::StatInfo *info = nullptr;
    st = fFile->Stat(false, info, kTimeout);
    if (!st.IsOK() || !info) {
      delete info;
      close();
      throw Error("cannot stat " + fUrl + ": " + why(st));
    }
    fSize = info->GetSize();
    delete info;
  }
  ~XRootDFile() override { close(); }
  uint64_t size() const override { return fSize; }
  const std::string &url() const override { return fUrl; }

  void fetch(uint64_t offset, size_t n, char *dst) override {
    while (n > 0) {
      // XrdCl reads at most 4 GiB at once (uint32_t).
      uint32_t want = uint32_t(std::min<size_t>(n, size_t(1) << 30)), got = 0;
      XrdCl::XRootDStatus st = fFile->Read(offset, want, dst, got, kTimeout);
      if (!st.IsOK()) throw Error("reading " + fUrl + " at byte " + std::to_string(offset) + ": " + why(st));
      if (got == 0) throw Error("reading " + fUrl + " at byte " + std::to_string(offset) + ": the server sent no bytes (file truncated?)");
      dst += got, offset += got, n -= got;
    }
  }

  // One vector read (kXR_readv) per 1024 chunks of at most kChunk bytes, the
  // protocol's limits: a window of baskets in one round trip.
  void fetchMany(const std::vector<Piece> &pieces) override {
    constexpr uint32_t kChunk = 2097136;
    constexpr size_t kChunks = 1024;
    XrdCl::ChunkList chunks;
    uint64_t expected = 0;
    auto send = [&] {
      if (chunks.empty()) return;
      XrdCl::VectorReadInfo *info = nullptr;
      XrdCl::XRootDStatus st = fFile->VectorRead(chunks, nullptr, info, kTimeout);
      uint32_t got = info ? info->GetSize() : 0;
      delete info;
      std::string where = "reading " + fUrl + " (" + std::to_string(chunks.size()) + " ranges from byte " + std::to_string(chunks.front().offset) + ")";
      if (!st.IsOK()) throw Error(where + ": " + why(st));
      if (got != expected) throw Error(where + ": the server sent " + std::to_string(got) + " of " + std::to_string(expected) + " bytes");
      chunks.clear(), expected = 0;
    };
    for (const Piece &p : pieces) {
      for (size_t done = 0; done < p.n;) {
        uint32_t n = uint32_t(std::min<size_t>(p.n - done, kChunk));
        if (chunks.size() == kChunks) send();
        chunks.emplace_back(p.offset + done, n, p.dst + done);
        expected += n, done += n;
      }
    }
    send();
  }

private:
  void close() {
    if (!fFile) return;
    if (fFile->IsOpen()) {
      XrdCl::XRootDStatus closed = fFile->Close(kTimeout); // nothing to do about a failed close of a read
      (void)closed;
    }
    keepForever(std::move(fFile));
  }

  std::string fUrl;
  std::unique_ptr<XrdCl::File> fFile;
  uint64_t fSize = 0;
};

std::unique_ptr<RemoteFile> openXRootD(const std::string &url) { return std::make_unique<XRootDFile>(url); }

// The files a wildcard in the last path element matches, as ROOT's TChain::Add
// expands root://server//dir/*.root: the directory listed by the server.
std::vector<std::string> listXRootD(const std::string &pattern) {
  configureOnce();
  size_t slash = pattern.rfind('/');
  std::string dirUrl = pattern.substr(0, slash), names = pattern.substr(slash + 1);
  XrdCl::URL url(dirUrl);
  if (!url.IsValid()) throw Error("cannot list " + dirUrl + ": not a valid root:// URL");
  auto fs = std::make_unique<XrdCl::FileSystem>(url);
  XrdCl::DirectoryList *list = nullptr;
  std::string path = url.GetPath().empty() ? "/" : url.GetPath();
  if (path[0] != '/') path = "/" + path;
  XrdCl::XRootDStatus st = fs->DirList(path, XrdCl::DirListFlags::None, list, kTimeout);
  keepForever(std::move(fs));
  if (!st.IsOK() || !list) {
    delete list;
    throw Error("cannot list " + dirUrl + ": " + why(st));
  }
  std::vector<std::string> found;
  for (auto it = list->Begin(); it != list->End(); ++it)
    if (::fnmatch(names.c_str(), (*it)->GetName().c_str(), 0) == 0) found.push_back(dirUrl + "/" + (*it)->GetName());
  delete list;
  std::sort(found.begin(), found.end());
  return found;
}

} // namespace
} // namespace cppnb::root::io

// Found by name (io::kXRootDProtocol) when the library loads this plugin.
extern "C" const cppnb::root::io::RemoteProtocol cppnb_root_xrootd{cppnb::root::io::openXRootD, cppnb::root::io::listXRootD};
