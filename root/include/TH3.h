// ROOT's header name for cppnb's ROOT-like library (cppnb/root/).
#pragma once
#include <cppnb/root/exports.hpp>
