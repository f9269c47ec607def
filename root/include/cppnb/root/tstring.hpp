// TString, ROOT's string: a std::string with ROOT's methods (Data, Length,
// Form, Contains, ReplaceAll, Atoi…), convertible to const char * as ROOT's
// is, so it goes wherever a name or title does. And ROOT's message functions
// Error, Warning and Info ("Error in <where>: what").
#pragma once

#include <algorithm>
#include <cctype>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <type_traits>
#include <ostream>
#include <string>

namespace cppnb::root {

class TString {
public:
  enum ECaseCompare { kExact, kIgnoreCase };
  TString() = default;
  TString(const char *s) : fS(s ? s : "") {}
  TString(const std::string &s) : fS(s) {}
  TString(char c) : fS(1, c) {}

  const char *Data() const { return fS.c_str(); }
  operator const char *() const { return fS.c_str(); }
  const std::string &str() const { return fS; }
  int Length() const { return int(fS.size()); }
  bool IsNull() const { return fS.empty(); }
  char &operator[](int i) { return fS[size_t(i)]; }
  char operator[](int i) const { return fS[size_t(i)]; }
  char &operator()(int i) { return fS[size_t(i)]; }
  TString operator()(int start, int len) const { return fS.substr(size_t(start), size_t(len)); }

  __attribute__((format(printf, 1, 2))) static TString Format(const char *format, ...) {
    va_list args;
    va_start(args, format);
    TString out = vformat(format, args);
    va_end(args);
    return out;
  }
  __attribute__((format(printf, 2, 3))) void Form(const char *format, ...) {
    va_list args;
    va_start(args, format);
    fS = vformat(format, args).fS;
    va_end(args);
  }

  TString &Append(const char *s) { return fS += s ? s : "", *this; }
  TString &Append(char c, int n = 1) { return fS.append(size_t(n), c), *this; }
  TString &Prepend(const char *s) { return fS.insert(0, s ? s : ""), *this; }
  TString &operator+=(const char *s) { return Append(s); }
  TString &operator+=(const TString &s) { return Append(s.Data()); }
  TString &operator+=(char c) { return Append(c); }
  template <class N, class = std::enable_if_t<std::is_arithmetic_v<N> && !std::is_same_v<N, char>>>
  TString &operator+=(N n) { return fS += number(n), *this; }

  bool Contains(const char *s, ECaseCompare cmp = kExact) const { return Index(s, 0, cmp) >= 0; }
  bool BeginsWith(const char *s, ECaseCompare cmp = kExact) const { return Index(s, 0, cmp) == 0; }
  bool EndsWith(const char *s, ECaseCompare cmp = kExact) const {
    size_t n = std::char_traits<char>::length(s);
    return n <= fS.size() && folded(fS.substr(fS.size() - n), cmp) == folded(s, cmp);
  }
  int Index(const char *s, int start = 0, ECaseCompare cmp = kExact) const {
    size_t at = folded(fS, cmp).find(folded(s, cmp), size_t(start));
    return at == std::string::npos ? -1 : int(at);
  }
  int First(char c) const { size_t at = fS.find(c); return at == std::string::npos ? -1 : int(at); }
  int Last(char c) const { size_t at = fS.rfind(c); return at == std::string::npos ? -1 : int(at); }
  TString &ReplaceAll(const char *from, const char *to) {
    std::string f = from, t = to;
    if (f.empty()) return *this;
    for (size_t at = 0; (at = fS.find(f, at)) != std::string::npos; at += t.size()) fS.replace(at, f.size(), t);
    return *this;
  }
  TString &Remove(int pos) { return fS.erase(size_t(std::min<int>(pos, Length()))), *this; }
  TString &Remove(int pos, int n) { return fS.erase(size_t(pos), size_t(n)), *this; }
  TString &ToUpper() { for (auto &c : fS) c = char(std::toupper((unsigned char)c)); return *this; }
  TString &ToLower() { for (auto &c : fS) c = char(std::tolower((unsigned char)c)); return *this; }
  void Clear() { fS.clear(); }
  int Atoi() const { return std::atoi(fS.c_str()); }
  long long Atoll() const { return std::atoll(fS.c_str()); }
  double Atof() const { return std::atof(fS.c_str()); }
  bool IsDigit() const { return !fS.empty() && std::all_of(fS.begin(), fS.end(), [](char c) { return std::isdigit((unsigned char)c) || c == ' '; }); }
  bool IsFloat() const { char *end = nullptr; std::strtod(fS.c_str(), &end); return !fS.empty() && end && *end == 0; }

  friend bool operator==(const TString &a, const TString &b) { return a.fS == b.fS; }
  friend bool operator==(const TString &a, const char *b) { return a.fS == (b ? b : ""); }
  friend bool operator!=(const TString &a, const TString &b) { return a.fS != b.fS; }
  friend bool operator!=(const TString &a, const char *b) { return a.fS != (b ? b : ""); }
  friend bool operator<(const TString &a, const TString &b) { return a.fS < b.fS; }
  friend TString operator+(const TString &a, const TString &b) { return a.fS + b.fS; }
  friend TString operator+(const TString &a, const char *b) { return a.fS + (b ? b : ""); }
  friend TString operator+(const char *a, const TString &b) { return (a ? a : "") + b.fS; }
  friend TString operator+(const TString &a, char c) { return a.fS + c; }
  template <class N, class = std::enable_if_t<std::is_arithmetic_v<N> && !std::is_same_v<N, char>>>
  friend TString operator+(const TString &a, N n) { return a.fS + number(n); }
  friend std::ostream &operator<<(std::ostream &os, const TString &s) { return os << s.fS; }

private:
  std::string fS;

  static TString vformat(const char *format, va_list args) {
    va_list again;
    va_copy(again, args);
    int n = std::vsnprintf(nullptr, 0, format, args);
    std::string out(size_t(n > 0 ? n : 0), '\0');
    if (n > 0) std::vsnprintf(out.data(), size_t(n) + 1, format, again);
    va_end(again);
    return out;
  }
  static std::string folded(std::string s, ECaseCompare cmp) {
    if (cmp == kIgnoreCase) for (auto &c : s) c = char(std::tolower((unsigned char)c));
    return s;
  }
  template <class N> static std::string number(N n) {
    if constexpr (std::is_integral_v<N>) return std::to_string(n);
    else {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%g", double(n));
      return buf;
    }
  }
};

namespace detail {
inline void message(const char *level, const char *where, const char *format, va_list args) {
  std::fprintf(stderr, "%s in <%s>: ", level, where ? where : "");
  std::vfprintf(stderr, format, args);
  std::fputc('\n', stderr);
}
} // namespace detail

// ROOT's messages: "Error in <where>: what", on stderr.
inline void Error(const char *where, const char *format, ...) __attribute__((format(printf, 2, 3)));
inline void Error(const char *where, const char *format, ...) {
  va_list args;
  va_start(args, format);
  detail::message("Error", where, format, args);
  va_end(args);
}
inline void Warning(const char *where, const char *format, ...) __attribute__((format(printf, 2, 3)));
inline void Warning(const char *where, const char *format, ...) {
  va_list args;
  va_start(args, format);
  detail::message("Warning", where, format, args);
  va_end(args);
}
inline void Info(const char *where, const char *format, ...) __attribute__((format(printf, 2, 3)));
inline void Info(const char *where, const char *format, ...) {
  va_list args;
  va_start(args, format);
  detail::message("Info", where, format, args);
  va_end(args);
}

} // namespace cppnb::root
