// ROOT's prompt finds std's names without std:: (ROOT has `using namespace
// std`). A using-directive makes every session name that std also has
// ambiguous (`auto list = …`, `int count`, `data`, `numbers`). Instead, a name
// that lookup does not find at all is looked up in std: the session's own
// declarations always win, and std fills the rest, as cling's dynamic scopes
// fill names it cannot find.
#pragma once
#include <string>

namespace clang {
class Sema;
}

namespace cppnb {

// From now on, unqualified names nothing else declares are looked up in
// namespace ns (one at a time; "std").
void addNamespaceFallback(clang::Sema &S, const std::string &ns);

} // namespace cppnb
