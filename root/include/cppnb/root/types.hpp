// ROOT's basic types, colour numbers and style numbers, as ROOT spells them,
// and how the SVG painter turns them into CSS colours.
#pragma once

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace cppnb::root {

using Int_t = int;
using UInt_t = unsigned int;
using Long_t = long;
using Long64_t = long long;
using Short_t = short;
using Char_t = char;
using Float_t = float;
using Double_t = double;
using Bool_t = bool;
using Option_t = const char;
using Color_t = short;
using Style_t = short;
using Width_t = short;
using Size_t = float;
using Stat_t = double;
using Axis_t = double;
constexpr bool kTRUE = true;
constexpr bool kFALSE = false;

enum EColor {
  kWhite = 0, kBlack = 1, kGray = 920, kRed = 632, kGreen = 416, kBlue = 600, kYellow = 400,
  kMagenta = 616, kCyan = 432, kOrange = 800, kSpring = 820, kTeal = 840, kAzure = 860,
  kViolet = 880, kPink = 900,
  // The accessible colour schemes of M. Petroff (arXiv:2107.02270), as ROOT 6.32 numbers them.
  kGrape = 100, kBrown, kAsh,
  kP6Blue, kP6Yellow, kP6Red, kP6Grape, kP6Gray, kP6Violet,
  kP8Blue, kP8Orange, kP8Red, kP8Pink, kP8Green, kP8Cyan, kP8Azure, kP8Gray,
  kP10Blue, kP10Yellow, kP10Red, kP10Gray, kP10Violet, kP10Brown, kP10Orange, kP10Green, kP10Ash, kP10Cyan
};

enum ELineStyle { kSolid = 1, kDashed = 2, kDotted = 3, kDashDotted = 4 };

enum EMarkerStyle {
  kDot = 1, kPlus = 2, kStar = 3, kCircle = 4, kMultiply = 5, kFullDotSmall = 6, kFullDotMedium = 7,
  kFullDotLarge = 8, kFullCircle = 20, kFullSquare = 21, kFullTriangleUp = 22, kFullTriangleDown = 23,
  kOpenCircle = 24, kOpenSquare = 25, kOpenTriangleUp = 26, kOpenDiamond = 27, kOpenCross = 28,
  kFullStar = 29, kOpenStar = 30, kFullDiamond = 33, kFullCross = 34
};

// Colour palettes for 2D drawing (TStyle::SetPalette).
enum EColorPalette {
  kDeepSea = 51, kGreyScale, kDarkBodyRadiator, kBlueYellow, kRainBow, kInvertedDarkBodyRadiator, kBird, kCubehelix,
  kGreenRedViolet, kBlueRedYellow, kOcean, kColorPrintableOnGrey, kAlpine, kAquamarine, kArmy, kAtlantic, kAurora,
  kAvocado, kBeach, kBlackBody, kBlueGreenYellow, kBrownCyan, kCMYK, kCandy, kCherry, kCoffee, kDarkRainBow,
  kDarkTerrain, kFall, kFruitPunch, kFuchsia, kGreyYellow, kGreenBrownTerrain, kGreenPink, kIsland, kLake,
  kLightTemperature, kLightTerrain, kMint, kNeon, kPastel, kPearl, kPigeon, kPlum, kRedBlue, kRose, kRust,
  kSandyTerrain, kSienna, kSolar, kSouthWest, kStarryNight, kSunset, kTemperatureMap, kThermometer, kValentine,
  kVisibleSpectrum, kWaterMelon, kCool, kCopper, kGistEarth, kViridis, kCividis
};


struct Rgb {
  double r, g, b;
};

inline Rgb mix(Rgb a, Rgb b, double t) { return {a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t}; }

// ROOT's colour numbers: 0-9 are the classic ones, the named wheels
// (kRed, kAzure, ...) take offsets -10..+4: minus is lighter, plus darker.
// ROOT's global pointers (gRandom, gStyle, gROOT) as constant-initialised
// handles: a namespace-scope object with a constructor would be built (and its
// code generated) when the precompiled header loads, slowing every session's
// start. The object behind a handle is made on first use.
template <class T, class Default> class GlobalPointer {
public:
  constexpr GlobalPointer() = default;
  T *get() const { return fPtr ? fPtr : Default::instance(); }
  T *operator->() const { return get(); }
  T &operator*() const { return *get(); }
  operator T *() const { return get(); }
  GlobalPointer &operator=(T *p) {
    fPtr = p;
    return *this;
  }

private:
  T *fPtr = nullptr;
};

// Colours made with TColor::GetColor, numbered from 1000 up.
inline std::vector<Rgb> &customColors() {
  static std::vector<Rgb> all;
  return all;
}
constexpr int kFirstCustomColor = 1000;

inline Rgb colorRgb(int c) {
  if (c >= kFirstCustomColor && c < kFirstCustomColor + int(customColors().size())) return customColors()[c - kFirstCustomColor];
  static const Rgb basic[10] = {{1, 1, 1},       {0, 0, 0},          {1, 0, 0},      {0, 1, 0},
                                {0, 0, 1},       {1, 1, 0},          {1, 0, 1},      {0, 1, 1},
                                {0.35, 0.83, 0.33}, {0.35, 0.33, 0.85}};
  if (c >= 0 && c < 10) return basic[c];
  // ROOT's classic colours 10-50 (TColor::InitializeColors), by their RGB.
  static const Rgb classic[41] = {
      {0.999, 0.999, 0.999}, {0.754, 0.715, 0.676}, {0.3, 0.3, 0.3},    {0.4, 0.4, 0.4},    {0.5, 0.5, 0.5},    // 10-14
      {0.6, 0.6, 0.6},       {0.7, 0.7, 0.7},       {0.8, 0.8, 0.8},    {0.9, 0.9, 0.9},    {0.95, 0.95, 0.95}, // 15-19
      {0.8, 0.78, 0.67},     {0.8, 0.78, 0.67},     {0.76, 0.75, 0.66}, {0.73, 0.71, 0.64}, {0.70, 0.65, 0.59}, // 20-24
      {0.72, 0.64, 0.61},    {0.68, 0.6, 0.55},     {0.61, 0.56, 0.51}, {0.53, 0.4, 0.34},  {0.69, 0.81, 0.78}, // 25-29
      {0.52, 0.76, 0.64},    {0.54, 0.66, 0.63},    {0.51, 0.62, 0.55}, {0.68, 0.74, 0.78}, {0.48, 0.56, 0.6},  // 30-34
      {0.46, 0.54, 0.57},    {0.41, 0.51, 0.59},    {0.43, 0.48, 0.52}, {0.49, 0.6, 0.82},  {0.5, 0.5, 0.61},   // 35-39
      {0.67, 0.65, 0.75},    {0.83, 0.81, 0.53},    {0.87, 0.73, 0.53}, {0.74, 0.62, 0.51}, {0.78, 0.6, 0.49},  // 40-44
      {0.75, 0.51, 0.47},    {0.81, 0.37, 0.38},    {0.67, 0.56, 0.58}, {0.65, 0.47, 0.48}, {0.58, 0.41, 0.44}, // 45-49
      {0.83, 0.35, 0.33}};                                                                                       // 50
  if (c >= 10 && c <= 50) return classic[c - 10];
  // 51-99: ROOT's "pretty palette", hues from violet (280) down to red at full saturation.
  if (c >= 51 && c <= 99) {
    double h = 280.0 - (c - 50) * 280.0 / 50, l = 0.5, sat = 1, m2 = l + sat - l * sat, m1 = 2 * l - m2;
    auto channel = [&](double hue) {
      hue = hue > 360 ? hue - 360 : hue < 0 ? hue + 360 : hue;
      return hue < 60 ? m1 + (m2 - m1) * hue / 60 : hue < 180 ? m2 : hue < 240 ? m1 + (m2 - m1) * (240 - hue) / 60 : m1;
    };
    return {channel(h + 120), channel(h), channel(h - 120)};
  }
  // kGrape … kP10Cyan, by their hex codes.
  static const unsigned schemes[] = {0x964a8b, 0xa96b59, 0x717581,                                                   // grape brown ash
                                     0x5790fc, 0xf89c20, 0xe42536, 0x964a8b, 0x9c9ca1, 0x7a21dd,                     // P6
                                     0x1845fb, 0xff5e02, 0xc91f16, 0xc849a9, 0xadad7d, 0x86c8dd, 0x578dff, 0x656364, // P8
                                     0x3f90da, 0xffa90e, 0xbd1f01, 0x94a4a2, 0x832db6, 0xa96b59, 0xe76300, 0xb9ac70, 0x717581, 0x92dadd};
  if (c >= kGrape && c <= kP10Cyan) {
    unsigned v = schemes[c - kGrape];
    return {(v >> 16 & 255) / 255.0, (v >> 8 & 255) / 255.0, (v & 255) / 255.0};
  }
  struct Wheel {
    int base;
    Rgb rgb;
  };
  static const Wheel wheels[] = {
      {kGray, {0.8, 0.8, 0.8}},   {kRed, {1, 0, 0}},        {kGreen, {0, 1, 0}},      {kBlue, {0, 0, 1}},
      {kYellow, {1, 1, 0}},       {kMagenta, {1, 0, 1}},    {kCyan, {0, 1, 1}},       {kOrange, {1, 0.4, 0}},
      {kSpring, {0.4, 1, 0}},     {kTeal, {0, 1, 0.4}},     {kAzure, {0, 0.4, 1}},    {kViolet, {0.6, 0, 1}},
      {kPink, {1, 0, 0.4}}};
  for (const Wheel &w : wheels) {
    int d = c - w.base;
    if (d < -10 || d > 4) continue;
    if (w.base == kGray) return d >= 0 ? mix(w.rgb, {0, 0, 0}, d * 0.2) : mix(w.rgb, {1, 1, 1}, -d * 0.08);
    return d >= 0 ? mix(w.rgb, {0, 0, 0}, d * 0.2) : mix(w.rgb, {1, 1, 1}, -d * 0.09);
  }
  // Numbers from the 2D palettes (TColor::GetColorPalette) and others: a grey.
  return {0.5, 0.5, 0.5};
}

// A colour channel (0-1) as a byte (0-255).
inline int channelByte(double v) { return int(std::lround(std::fmin(1.0, std::fmax(0.0, v)) * 255)); }

inline std::string css(Rgb c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", channelByte(c.r), channelByte(c.g), channelByte(c.b));
  return buf;
}

inline std::string cssColor(int c) { return css(colorRgb(c)); }

// ROOT's kBird palette (its default for COLZ since 6.04), by its stops.
inline Rgb paletteColor(int palette, double t) {
  t = std::fmin(1.0, std::fmax(0.0, t));
  struct Stop {
    double at;
    Rgb rgb;
  };
  static const Stop bird[] = {{0.0, {0.2082, 0.1664, 0.5293}}, {0.125, {0.0592, 0.3599, 0.8684}},
                              {0.25, {0.0780, 0.5041, 0.8385}}, {0.375, {0.0232, 0.6419, 0.7914}},
                              {0.5, {0.1802, 0.7178, 0.6425}}, {0.625, {0.5301, 0.7492, 0.4662}},
                              {0.75, {0.8186, 0.7328, 0.3499}}, {0.875, {0.9956, 0.7862, 0.1968}},
                              {1.0, {0.9764, 0.9832, 0.0539}}};
  static const Stop viridis[] = {{0.0, {0.267, 0.005, 0.329}}, {0.25, {0.229, 0.322, 0.546}},
                                 {0.5, {0.128, 0.567, 0.551}}, {0.75, {0.369, 0.789, 0.383}},
                                 {1.0, {0.993, 0.906, 0.144}}};
  static const Stop rainbow[] = {{0.0, {0.5, 0, 1}}, {0.25, {0, 0, 1}}, {0.5, {0, 1, 0}},
                                 {0.75, {1, 1, 0}}, {1.0, {1, 0, 0}}};
  static const Stop grey[] = {{0.0, {0, 0, 0}}, {1.0, {1, 1, 1}}};
  static const Stop body[] = {{0.0, {1, 1, 1}}, {0.3, {1, 0.9, 0.3}}, {0.6, {0.9, 0.3, 0}}, {1.0, {0.1, 0, 0}}};
  // Others of ROOT's palettes by their look (two to four colours each; not ROOT's exact stops).
  static const Stop deepSea[] = {{0.0, {0, 0.05, 0.25}}, {0.5, {0.1, 0.35, 0.7}}, {1.0, {0.7, 0.9, 1}}};
  static const Stop darkBody[] = {{0.0, {0, 0, 0}}, {0.35, {0.7, 0, 0}}, {0.7, {1, 0.7, 0}}, {1.0, {1, 1, 1}}};
  static const Stop blueYellow[] = {{0.0, {0, 0, 0.5}}, {0.5, {0.5, 0.5, 0.5}}, {1.0, {1, 1, 0}}};
  static const Stop ocean[] = {{0.0, {0, 0.1, 0.2}}, {0.5, {0, 0.45, 0.55}}, {1.0, {0.75, 1, 0.95}}};
  static const Stop cherry[] = {{0.0, {0.15, 0, 0.05}}, {0.5, {0.75, 0.05, 0.2}}, {1.0, {1, 0.85, 0.85}}};
  static const Stop solar[] = {{0.0, {0.4, 0, 0}}, {0.5, {0.9, 0.35, 0}}, {1.0, {1, 0.95, 0.3}}};
  static const Stop temperature[] = {{0.0, {0.1, 0.2, 0.75}}, {0.5, {0.95, 0.95, 0.95}}, {1.0, {0.75, 0.1, 0.1}}};
  static const Stop cividis[] = {{0.0, {0, 0.13, 0.3}}, {0.5, {0.49, 0.49, 0.47}}, {1.0, {1, 0.91, 0.27}}};
  static const Stop cool[] = {{0.0, {0, 1, 1}}, {1.0, {1, 0, 1}}};
  static const Stop copper[] = {{0.0, {0, 0, 0}}, {1.0, {1, 0.78, 0.5}}};
  const Stop *s = bird;
  int n = 9;
  switch (palette) {
  case kViridis: s = viridis, n = 5; break;
  case kRainBow: case 1: s = rainbow, n = 5; break;
  case kGreyScale: s = grey, n = 2; break;
  case kInvertedDarkBodyRadiator: s = body, n = 4; break;
  case kDeepSea: s = deepSea, n = 3; break;
  case kDarkBodyRadiator: case kBlackBody: s = darkBody, n = 4; break;
  case kBlueYellow: s = blueYellow, n = 3; break;
  case kOcean: case kAtlantic: case kLake: s = ocean, n = 3; break;
  case kCherry: case kRose: s = cherry, n = 3; break;
  case kSolar: case kSunset: s = solar, n = 3; break;
  case kTemperatureMap: case kLightTemperature: case kRedBlue: s = temperature, n = 3; break;
  case kCividis: s = cividis, n = 3; break;
  case kCool: s = cool, n = 2; break;
  case kCopper: s = copper, n = 2; break;
  default: break; // kBird, and the palettes not drawn yet
  }
  for (int i = 1; i < n; ++i)
    if (t <= s[i].at) return mix(s[i - 1].rgb, s[i].rgb, (t - s[i - 1].at) / (s[i].at - s[i - 1].at));
  return s[n - 1].rgb;
}

} // namespace cppnb::root
