// ROOT's operating-system helpers that macros use: gSystem (TSystem), TStopwatch
// and TDatime, with ROOT's names over the C and C++ libraries.
#pragma once

#include "core.hpp"
#include "tstring.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace cppnb::root {

class TSystem : public TNamed {
public:
  TSystem() : TNamed("Unix", "Unix system") {}
  const char *ClassName() const override { return "TSystem"; }
  // A notebook has no event loop to serve: true, as ROOT's when nothing stopped it.
  bool ProcessEvents() { return false; }
  void Sleep(unsigned ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }
  const char *Getenv(const char *name) const { return name ? std::getenv(name) : nullptr; }
  void Setenv(const char *name, const char *value) { setenv(name, value ? value : "", 1); }
  void Unsetenv(const char *name) { unsetenv(name); }
  int Exec(const char *command) { return std::system(command); }
  // ROOT's inverted convention: false when the path can be accessed.
  bool AccessPathName(const char *path, int mode = 0) const {
    static const int modes[] = {F_OK, X_OK, W_OK, R_OK};
    return ::access(path, modes[mode >= 0 && mode < 4 ? mode : 0]) != 0;
  }
  int mkdir(const char *name, bool recursive = false) {
    std::string path = name ? name : "";
    if (recursive)
      for (size_t at = path.find('/', 1); at != std::string::npos; at = path.find('/', at + 1)) ::mkdir(path.substr(0, at).c_str(), 0755);
    return ::mkdir(path.c_str(), 0755);
  }
  int MakeDirectory(const char *name) { return mkdir(name); }
  int Unlink(const char *name) { return ::unlink(name); }
  const char *WorkingDirectory() {
    char buf[4096];
    fWorking = ::getcwd(buf, sizeof buf) ? buf : "";
    return fWorking.c_str();
  }
  const char *pwd() { return WorkingDirectory(); }
  bool ChangeDirectory(const char *path) { return ::chdir(path) == 0; }
  bool cd(const char *path) { return ChangeDirectory(path); }
  const char *HomeDirectory(const char * = nullptr) { return Getenv("HOME"); }
  const char *BaseName(const char *path) const {
    const char *slash = path ? std::strrchr(path, '/') : nullptr;
    return slash ? slash + 1 : path;
  }
  TString DirName(const char *path) const {
    std::string p = path ? path : "";
    size_t slash = p.find_last_of('/');
    return slash == std::string::npos ? TString(".") : TString(slash == 0 ? std::string("/") : p.substr(0, slash));
  }
  TString ConcatFileName(const char *dir, const char *name) const { return TString(std::string(dir) + "/" + name); }
  int GetPid() const { return int(::getpid()); }
  const char *HostName() {
    char buf[256];
    fHost = ::gethostname(buf, sizeof buf) == 0 ? buf : "";
    return fHost.c_str();
  }
  // Milliseconds since the epoch, as ROOT's TTime.
  long long Now() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  }
  // Libraries: cppnb's interpreter loads them with %lib; ROOT's own are built in.
  int Load(const char *library, const char * = "", bool = false) {
    std::fprintf(stderr, "Info in <TSystem::Load>: %s: cppnb has ROOT's classes built in; load other libraries with %%lib\n", library ? library : "");
    return 1; // ROOT's "already loaded"
  }

private:
  std::string fWorking, fHost;
};

struct TheSystem {
  static TSystem *instance() {
    static TSystem system;
    return &system;
  }
};
inline GlobalPointer<TSystem, TheSystem> gSystem;

// Real and CPU time of what ran between Start and Stop, as ROOT's.
class TStopwatch : public TObject {
public:
  TStopwatch() { Start(); }
  const char *ClassName() const override { return "TStopwatch"; }
  void Start(bool reset = true) {
    if (reset) fReal = fCpu = 0, fCounter = 0;
    fStartReal = std::chrono::steady_clock::now(), fStartCpu = std::clock();
    fRunning = true;
    ++fCounter;
  }
  void Stop() {
    if (!fRunning) return;
    fReal += std::chrono::duration<double>(std::chrono::steady_clock::now() - fStartReal).count();
    fCpu += double(std::clock() - fStartCpu) / CLOCKS_PER_SEC;
    fRunning = false;
  }
  void Continue() { Start(false); }
  void Reset() { fReal = fCpu = 0, fCounter = 0, fRunning = false; }
  double RealTime() {
    Stop();
    return fReal;
  }
  double CpuTime() {
    Stop();
    return fCpu;
  }
  int Counter() const { return fCounter; }
  void Print(Option_t * = "") const override {
    std::printf("Real time %d:%02d:%02d, CP time %.3f\n", int(fReal) / 3600, int(fReal) / 60 % 60, int(fReal) % 60, fCpu);
  }

private:
  std::chrono::steady_clock::time_point fStartReal;
  std::clock_t fStartCpu = 0;
  double fReal = 0, fCpu = 0;
  int fCounter = 0;
  bool fRunning = false;
};

// A date and time (local time, to the second), as ROOT's.
class TDatime : public TObject {
public:
  TDatime() { Set(); }
  TDatime(int year, int month, int day, int hour, int min, int sec) { Set(year, month, day, hour, min, sec); }
  TDatime(int date, int time) { Set(date, time); }
  explicit TDatime(const char *sqlDateTime) { Set(sqlDateTime); }
  const char *ClassName() const override { return "TDatime"; }
  void Set() { fTime = std::time(nullptr); }
  void Set(int year, int month, int day, int hour, int min, int sec) {
    std::tm t{};
    t.tm_year = year - 1900, t.tm_mon = month - 1, t.tm_mday = day, t.tm_hour = hour, t.tm_min = min, t.tm_sec = sec, t.tm_isdst = -1;
    fTime = std::mktime(&t);
  }
  void Set(int date, int time) { Set(date / 10000, date / 100 % 100, date % 100, time / 10000, time / 100 % 100, time % 100); }
  // "2024-05-17 12:34:56"
  void Set(const char *s) {
    int y = 1995, mo = 1, d = 1, h = 0, mi = 0, se = 0;
    if (s) std::sscanf(s, "%d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &se);
    Set(y, mo, d, h, mi, se);
  }
  // Seconds since the epoch.
  unsigned Convert(bool = false) const { return unsigned(fTime); }
  int GetDate() const { return local().tm_year * 10000 + 19000000 + (local().tm_mon + 1) * 100 + local().tm_mday; }
  int GetTime() const { return local().tm_hour * 10000 + local().tm_min * 100 + local().tm_sec; }
  int GetYear() const { return local().tm_year + 1900; }
  int GetMonth() const { return local().tm_mon + 1; }
  int GetDay() const { return local().tm_mday; }
  int GetHour() const { return local().tm_hour; }
  int GetMinute() const { return local().tm_min; }
  int GetSecond() const { return local().tm_sec; }
  int GetDayOfWeek() const { return local().tm_wday == 0 ? 7 : local().tm_wday; }
  const char *AsString() const {
    char buf[64];
    std::tm t = local();
    std::strftime(buf, sizeof buf, "%a %b %d %H:%M:%S %Y", &t);
    fText = buf;
    return fText.c_str();
  }
  const char *AsSQLString() const {
    char buf[64];
    std::tm t = local();
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &t);
    fText = buf;
    return fText.c_str();
  }
  void Print(Option_t * = "") const override { std::printf("Date/Time = %s\n", AsString()); }

private:
  std::tm local() const {
    std::tm t{};
    localtime_r(&fTime, &t);
    return t;
  }
  std::time_t fTime = 0;
  mutable std::string fText;
};

} // namespace cppnb::root
