// https:// and http:// files through libcurl, read with range requests (a
// server that ignores them is refused: it would send the whole file for every
// basket). A tree's prefetched baskets go in multi-range requests (a
// multipart/byteranges answer); a server that does not answer those is read
// one range at a time (remote_cache.cpp). Redirects are followed. CURL_CA_BUNDLE names extra trusted
// certificates, as for the curl command.
#include "../io/remote_protocol.hpp"

#include <cppnb/root/io/record.hpp>

#include <curl/curl.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace cppnb::root::io {
namespace {

struct Transfer {
  char *dst = nullptr;         // a range's bytes go here,
  std::string *body = nullptr; // or a multi-range answer here
  size_t want = 0, got = 0;    // at most want bytes
  bool overflow = false;
  long status = 0;
  std::string contentRange, contentType;
};

size_t onBody(char *data, size_t size, size_t count, void *user) {
  auto *t = static_cast<Transfer *>(user);
  size_t n = size * count;
  if (t->got + n > t->want) {
    t->overflow = true; // a whole file instead of a range: stop it
    return 0;
  }
  if (t->body) t->body->append(data, n);
  else std::memcpy(t->dst + t->got, data, n);
  t->got += n;
  return n;
}

size_t onHeader(char *data, size_t size, size_t count, void *user) {
  auto *t = static_cast<Transfer *>(user);
  std::string line(data, size * count);
  // A redirect's headers come first; the last response's count.
  if (line.rfind("HTTP/", 0) == 0) t->contentRange.clear(), t->contentType.clear();
  if (line.size() > 14 && strncasecmp(line.c_str(), "content-range:", 14) == 0) t->contentRange = line.substr(14);
  if (line.size() > 13 && strncasecmp(line.c_str(), "content-type:", 13) == 0) t->contentType = line.substr(13);
  return size * count;
}

// "bytes FIRST-LAST/SIZE" (after "Content-Range:"): the first byte and the count.
bool parseContentRange(const std::string &value, uint64_t &first, uint64_t &count) {
  unsigned long long a = 0, b = 0;
  if (std::sscanf(value.c_str(), " bytes %llu-%llu", &a, &b) != 2 || b < a) return false;
  first = a, count = b - a + 1;
  return true;
}

struct Part {
  uint64_t first, count;
  const char *bytes;
};

// The parts of a multipart/byteranges body, each with its Content-Range.
bool parseMultipart(const std::string &contentType, const std::string &body, std::vector<Part> &parts) {
  size_t at = contentType.find("boundary=");
  if (at == std::string::npos) return false;
  std::string boundary = contentType.substr(at + 9);
  boundary = boundary.substr(0, boundary.find_first_of("; \r\n"));
  if (boundary.size() > 1 && boundary.front() == '"') boundary = boundary.substr(1, boundary.size() - 2);
  std::string delimiter = "--" + boundary;
  for (size_t pos = body.find(delimiter); pos != std::string::npos;) {
    pos += delimiter.size();
    if (body.compare(pos, 2, "--") == 0) return true;
    size_t headersEnd = body.find("\r\n\r\n", pos);
    if (headersEnd == std::string::npos) return false;
    std::string headers = body.substr(pos, headersEnd - pos);
    std::transform(headers.begin(), headers.end(), headers.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    size_t range = headers.find("content-range:");
    Part part{};
    if (range == std::string::npos || !parseContentRange(headers.substr(range + 14), part.first, part.count)) return false;
    size_t data = headersEnd + 4;
    if (data + part.count > body.size()) return false;
    part.bytes = body.data() + data;
    parts.push_back(part);
    pos = body.find(delimiter, data + part.count);
  }
  return !parts.empty();
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

  void fetchMany(const std::vector<Piece> &pieces) override {
    // Apache answers at most 200 ranges a request by default.
    constexpr size_t kRanges = 100;
    for (size_t at = 0; at < pieces.size(); at += kRanges) {
      std::vector<Piece> group(pieces.begin() + ptrdiff_t(at), pieces.begin() + ptrdiff_t(std::min(pieces.size(), at + kRanges)));
      if (group.size() == 1) fetchEach(group);
      else if (!fetchGroup(group))
        throw Error("reading " + fUrl + ": the server does not answer " + std::to_string(group.size()) + " ranges in one request");
    }
  }

private:
  // One multi-range request for the pieces; false when the server answered
  // otherwise (the whole file, stopped at once; only some of the ranges), an
  // error when it refused (a proxy answering 400, 416, 501).
  bool fetchGroup(const std::vector<Piece> &pieces) {
    std::string ranges, body;
    size_t total = 0;
    for (const Piece &p : pieces) {
      ranges += (ranges.empty() ? "" : ",") + std::to_string(p.offset) + "-" + std::to_string(p.offset + p.n - 1);
      total += p.n;
    }
    Transfer t;
    t.body = &body, t.want = total + 512 * pieces.size() + 4096; // the parts' headers
    request(ranges, t);
    if (t.status != 206 || t.overflow) return false;
    std::vector<Part> parts;
    uint64_t first = 0, count = 0;
    if (t.contentType.find("multipart/byteranges") != std::string::npos) {
      if (!parseMultipart(t.contentType, body, parts)) return false;
    } else if (parseContentRange(t.contentRange, first, count) && count == body.size()) {
      parts.push_back({first, count, body.data()}); // the server joined the ranges into one
    } else {
      return false;
    }
    for (const Piece &p : pieces) {
      auto holds = [&](const Part &part) { return part.first <= p.offset && p.offset + p.n <= part.first + part.count; };
      auto part = std::find_if(parts.begin(), parts.end(), holds);
      if (part == parts.end()) return false;
      std::memcpy(p.dst, part->bytes + (p.offset - part->first), p.n);
    }
    return true;
  }

  Transfer request(uint64_t offset, size_t n, char *dst) {
    Transfer t;
    t.dst = dst, t.want = n;
    request(std::to_string(offset) + "-" + std::to_string(offset + n - 1), t);
    return t;
  }

  void request(const std::string &range, Transfer &t) {
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
    if (code == CURLE_WRITE_ERROR && t.overflow) return; // judged by the caller from the status
    if (code != CURLE_OK) throw Error("cannot read " + fUrl + ": " + (*error ? error : curl_easy_strerror(code)));
    if (t.status >= 400) throw Error("cannot read " + fUrl + ": HTTP " + std::to_string(t.status) + (t.status == 404 ? " (no such file)" : ""));
  }

  std::string fUrl;
  CURL *fCurl = nullptr;
  uint64_t fSize = 0;
};

std::unique_ptr<RemoteFile> openHttp(const std::string &url) { return std::make_unique<HttpFile>(url); }

} // namespace
} // namespace cppnb::root::io

// Found by name (io::kHttpProtocol) when the library loads this plugin.
extern "C" const cppnb::root::io::RemoteProtocol cppnb_root_http{cppnb::root::io::openHttp, nullptr};
