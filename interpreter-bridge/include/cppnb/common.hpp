// What every session has without an #include (part of the precompiled header):
// the common standard headers, the value printer and the display API. It is
// also what completion assumes of a session (see pch.hpp for the rest).
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

#include <cppnb/batch.hpp>
#include <cppnb/cling.hpp>
#include <cppnb/comm.hpp>
#include <cppnb/display.hpp>
#include <cppnb/value.hpp>
