// ROOT's header name for ROOT::Math's functions in cppnb's ROOT-like library (cppnb/root/).
#pragma once
#include <cppnb/root/exports.hpp>
