// What a remote protocol's plugin (libcppnb-root-remote.so, src/remote/) gives
// the library: one of these under an extern "C" name per URL scheme.
#pragma once

#include "remote_cache.hpp"

#include <memory>
#include <string>
#include <vector>

namespace cppnb::root::io {

struct RemoteProtocol {
  // The file at url (io::Error when it cannot be opened).
  std::unique_ptr<RemoteFile> (*open)(const std::string &url);
  // The files a wildcard in pattern's last path element matches, sorted;
  // nullptr where the protocol lists no directories.
  std::vector<std::string> (*list)(const std::string &pattern);
};

// The plugin's names for them.
constexpr const char *kXRootDProtocol = "cppnb_root_xrootd";
constexpr const char *kHttpProtocol = "cppnb_root_http";

// The protocol named so, loaded from the plugin on first use, or io::Error.
const RemoteProtocol &remoteProtocol(const char *name);

} // namespace cppnb::root::io
