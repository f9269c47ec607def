// The two kinds of cppnb session. "root" (the default) is ROOT's prompt: every
// class, global, type and constant of the ROOT-like library without
// #include, the standard headers macros use without including them, and
// std's names without std::. "plain" is C++ as a compiler sees it: ROOT's
// names only after a ROOT header is included, and a session's own kRed or
// TH1 never clash with them.
export type Flavour = 'root' | 'plain';

// What a session has before its first cell: run in the interpreter when
// it starts, and put ahead of completion's and %%slurm programs' sources.
export function preludeOf(flavour: Flavour): string[] {
  if (flavour === 'plain') return [];
  return [
    '#include <cppnb/root/exports.hpp>', '#include <cmath>', '#include <iomanip>', '#include <iostream>', '#include <string>', '#include <vector>',
    // C's ::abs(int) would otherwise be found first and take abs(-2.5) for 2.
    'using std::abs;',
  ];
}

// The namespace whose names are found without qualification, or null. The
// interpreter looks a name up there only when nothing of the session's has
// it (host/namespace_fallback.h), so a session's own `list` or `count` never
// becomes ambiguous; a %%slurm program, compiled as a file, has
// `using namespace std;` instead.
export function unqualifiedNamespace(flavour: Flavour): string | null {
  return flavour === 'root' ? 'std' : null;
}
