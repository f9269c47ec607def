// The loop behind %timeit: runs a cell's statement many times in compiled code
// and prints the result the way IPython's %timeit does.
#pragma once
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace cppnb::detail {

// IPython's _format_time: three significant digits in s, ms, µs or ns.
inline std::string format_time(double seconds) {
  static const char *units[] = {"s", "ms", "\xc2\xb5s", "ns"};
  static const double scale[] = {1, 1e3, 1e6, 1e9};
  int order = 3;
  if (seconds > 0) {
    int decade = static_cast<int>(std::floor(std::log10(seconds)));
    int thousands = decade >= 0 ? decade / 3 : -((-decade + 2) / 3); // floor division
    order = -thousands < 0 ? 0 : -thousands > 3 ? 3 : -thousands;
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.3g %s", seconds * scale[order], units[order]);
  return buf;
}

inline std::string with_thousands(long n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

// number <= 0 chooses the loop count as IPython does: the first of 1, 2, 5,
// 10, 20, 50, ... loops that takes at least 0.2 s.
template <class F> void timeit(F &&body, long number, int repeat) {
  using clock = std::chrono::steady_clock;
  auto run = [&](long n) {
    auto t0 = clock::now();
    for (long i = 0; i < n; ++i) body();
    return std::chrono::duration<double>(clock::now() - t0).count();
  };
  if (number <= 0) {
    for (long base = 1; number <= 0; base *= 10)
      for (long m : {1L, 2L, 5L})
        if (run(base * m) >= 0.2) {
          number = base * m;
          break;
        }
  }
  std::vector<double> per(repeat > 0 ? repeat : 1);
  for (double &t : per) t = run(number) / number;
  double mean = 0, var = 0;
  for (double t : per) mean += t;
  mean /= per.size();
  for (double t : per) var += (t - mean) * (t - mean);
  double sd = std::sqrt(var / per.size());
  std::fflush(stdout);
  std::printf("%s \xc2\xb1 %s per loop (mean \xc2\xb1 std. dev. of %zu run%s, %s loop%s each)\n",
              format_time(mean).c_str(), format_time(sd).c_str(), per.size(), per.size() == 1 ? "" : "s",
              with_thousands(number).c_str(), number == 1 ? "" : "s");
  std::fflush(stdout);
}

} // namespace cppnb::detail
