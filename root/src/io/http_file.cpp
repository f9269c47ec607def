// https:// and http:// files through libcurl, read with range requests (a
// server that ignores them is refused: it would send the whole file for every
// basket). Redirects are followed. CURL_CA_BUNDLE names extra trusted
// certificates, as for the curl command.
#include "remote_cache.hpp"

#include <cppnb/root/io/record.hpp>

#include <curl/curl.h>

#include <cstdlib>
#include <cstring>

namespace cppnb::root::io {
namespace {

struct Transfer {
  char *dst = nullptr;
  size_t want = 0, got = 0;
  bool overflow = false;
  long status = 0;
  std::string contentRange;
};

size_t onBody(char *data, size_t size, size_t count, void *user) {
  auto *t = static_cast<Transfer *>(user);
  size_t n = size * count;
  if (t->got + n > t->want) {
    t->overflow = true; // a whole file instead of a range: stop it
    return 0;
  }
  std::memcpy(t->dst + t->got, data, n);
  t->got += n;
  return n;
}

size_t onHeader(char *data, size_t size, size_t count, void *user) {
  auto *t = static_cast<Transfer *>(user);
  std::string line(data, size * count);
  // A redirect's headers come first; the last response's count.
  if (line.rfind("HTTP/", 0) == 0) t->contentRange.clear();
  if (line.size() > 14 && strncasecmp(line.c_str(), "content-range:", 14) == 0) t->contentRange = line.substr(14);
  return size * count;
}

class HttpFile : public RemoteFile {
public:
  explicit HttpFile(std::string url) : fUrl(std::move(url)) {
    static bool initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
    if (!initialised || !(fCurl = curl_easy_init())) throw Error("cannot open " + fUrl + ": libcurl could not start");
    // The size, and whether ranges work, from the first byte.
    char first;
    Transfer t = request(0, 1, &first);
    auto slash = t.contentRange.rfind('/');
    if (t.status != 206 || slash == std::string::npos)
      throw Error("cannot open " + fUrl + ": the server does not answer range requests (HTTP " + std::to_string(t.status) +
                  "); a ROOT file is read in pieces");
    fSize = std::strtoull(t.contentRange.c_str() + slash + 1, nullptr, 10);
  }
  ~HttpFile() override {
    if (fCurl) curl_easy_cleanup(fCurl);
  }
  uint64_t size() const override { return fSize; }
  const std::string &url() const override { return fUrl; }

  void fetch(uint64_t offset, size_t n, char *dst) override {
    Transfer t = request(offset, n, dst);
    // The bytes asked for, and no others (a server, or a connection, answering another request).
    std::string expected = "bytes " + std::to_string(offset) + "-" + std::to_string(offset + n - 1) + "/";
    if (t.contentRange.find(expected) == std::string::npos)
      throw Error("reading " + fUrl + " at byte " + std::to_string(offset) + ": the server sent another range (" +
                  t.contentRange.substr(0, t.contentRange.find_last_not_of(" \r\n") + 1) + ")");
    if (t.status != 206 || t.got != n)
      throw Error("reading " + fUrl + " at byte " + std::to_string(offset) + ": HTTP " + std::to_string(t.status) + ", " +
                  std::to_string(t.got) + " of " + std::to_string(n) + " bytes");
  }

private:
  Transfer request(uint64_t offset, size_t n, char *dst) {
    Transfer t;
    t.dst = dst, t.want = n;
    std::string range = std::to_string(offset) + "-" + std::to_string(offset + n - 1);
    char error[CURL_ERROR_SIZE] = "";
    curl_easy_reset(fCurl);
    curl_easy_setopt(fCurl, CURLOPT_URL, fUrl.c_str());
    curl_easy_setopt(fCurl, CURLOPT_RANGE, range.c_str());
    curl_easy_setopt(fCurl, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(fCurl, CURLOPT_MAXREDIRS, 10L);
    curl_easy_setopt(fCurl, CURLOPT_NOSIGNAL, 1L);
    // Never a hung cell: 10 s to connect, and a transfer stalled for 60 s fails.
    curl_easy_setopt(fCurl, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(fCurl, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(fCurl, CURLOPT_LOW_SPEED_TIME, 60L);
    curl_easy_setopt(fCurl, CURLOPT_WRITEFUNCTION, onBody);
    curl_easy_setopt(fCurl, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(fCurl, CURLOPT_HEADERFUNCTION, onHeader);
    curl_easy_setopt(fCurl, CURLOPT_HEADERDATA, &t);
    curl_easy_setopt(fCurl, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(fCurl, CURLOPT_USERAGENT, "cppnb");
    if (const char *ca = std::getenv("CURL_CA_BUNDLE")) curl_easy_setopt(fCurl, CURLOPT_CAINFO, ca);
    CURLcode code = curl_easy_perform(fCurl);
    curl_easy_getinfo(fCurl, CURLINFO_RESPONSE_CODE, &t.status);
    if (code == CURLE_WRITE_ERROR && t.overflow) return t; // judged by the caller from the status
    if (code != CURLE_OK) throw Error("cannot read " + fUrl + ": " + (*error ? error : curl_easy_strerror(code)));
    if (t.status >= 400) throw Error("cannot read " + fUrl + ": HTTP " + std::to_string(t.status) + (t.status == 404 ? " (no such file)" : ""));
    return t;
  }

  std::string fUrl;
  CURL *fCurl = nullptr;
  uint64_t fSize = 0;
};

} // namespace

std::unique_ptr<RemoteFile> openHttp(const std::string &url) { return std::make_unique<HttpFile>(url); }

} // namespace cppnb::root::io
