// cppnb-merge OUT TASKFILE... | cppnb-merge OUT --list FILE (one task file
// per line, for arrays too large for a command line): merges the outputs of a
// %%slurm job's tasks
// (cppnb/batch.hpp). Every type a task can send is registered here, so the
// merge needs neither the job's program nor the session's global initializers.
#include <cppnb/root/all.hpp>
#include <cppnb/batch/merge.hpp>

namespace {
using namespace cppnb::batch::detail;

template <class... T> void registerAll() { ((register_codec<T>(), register_codec<std::vector<T>>()), ...); }

const bool allRegistered = [] {
  registerAll<double, float, long double, int, unsigned, long, unsigned long, long long, unsigned long long, short,
              unsigned short, signed char, unsigned char>();
  using namespace cppnb::root;
  registerAll<TH1D, TH1F, TH1I, TH1S, TH1C, TH2D, TH2F, TH2I, TGraph, TGraphErrors>();
  register_codec<std::vector<std::string>>();
  return true;
}();
} // namespace

int main(int argc, char **argv) {
  (void)allRegistered;
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s OUT TASKFILE... | %s OUT --list FILE\n", argv[0], argv[0]);
    return 64;
  }
  std::vector<std::string> tasks;
  if (argc == 4 && std::string(argv[2]) == "--list") {
    std::ifstream list(argv[3]);
    for (std::string line; std::getline(list, line);)
      if (!line.empty()) tasks.push_back(line);
  } else {
    tasks.assign(argv + 2, argv + argc);
  }
  return merge(argv[1], tasks);
}
