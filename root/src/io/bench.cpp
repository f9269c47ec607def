// The floor for reading a file: every basket of a branch (or of all of them)
// read and decompressed, nothing converted. bench/rootio.ts calls it from a
// cell, in the same run as TTreeReader loops over the same file.
#include "tree_data.hpp"

#include <chrono>
#include <cstdio>

using namespace cppnb::root::io;

extern "C" double cppnb_root_read_baskets(const char *path, const char *tree, const char *branch, unsigned long long *bytes) {
  auto start = std::chrono::steady_clock::now();
  *bytes = 0;
  try {
    auto file = std::make_shared<FileData>(openLocalFile(path));
    const KeyInfo *key = nullptr;
    for (const KeyInfo &k : file->top().keys)
      if (k.name == tree) key = &k;
    if (!key) return -1;
    KeyInfo k = file->readKey(key->seekKey);
    auto data = readTree(file, *file->readRecord(k));
    for (const BranchInfo &b : data->branches) {
      if (branch && *branch && b.name != branch) continue;
      for (int i = 0; i < b.baskets; ++i) *bytes += readBasket(*data, b, i).data.size();
    }
  } catch (const std::exception &e) {
    std::fprintf(stderr, "cppnb_root_read_baskets: %s\n", e.what());
    return -1;
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}
