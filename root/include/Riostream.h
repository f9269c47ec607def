// ROOT's header for the standard streams: what macros that include it use.
#pragma once
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>
