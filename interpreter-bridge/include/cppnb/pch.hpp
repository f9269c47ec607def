// Precompiled into the interpreter's header (built by the set-up per -std), so a
// first cell with the common standard headers, the first shown value and the
// first use of the ROOT-like library are fast.
#pragma once
#include <cppnb/common.hpp>
// The ROOT-like library, out of sight in namespace cppnb::root until a ROOT
// header (TH1D.h, …) brings its names in. Completion leaves it out until then.
#include <cppnb/root/all.hpp>
