// Precompiled into the interpreter's header (built by the set-up per -std), so a
// first cell with the common standard headers, and the first shown value, are fast.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <cppnb/display.hpp>
// The ROOT-like library, out of sight in namespace cppnb::root until a ROOT
// header (TH1D.h, …) brings its names in.
#include <cppnb/root/all.hpp>
#include <cppnb/value.hpp>
