// cppnb's ROOT-like library, all of it: every ROOT-named header includes this.
// Header-only, so it works in the kernel and in a plain g++ program
// (-I interpreter-bridge/include) alike.
#pragma once

#include "types.hpp"
#include "tmath.hpp"
#include "random.hpp"
#include "core.hpp"
#include "functions.hpp"
#include "histograms.hpp"
#include "histograms2d.hpp"
#include "graphs.hpp"
#include "legend.hpp"
#include "canvas.hpp"
#include "painter.hpp"
#include "paint_histograms.hpp"
#include "paint_graphs.hpp"
#include "notebook.hpp"
#include "extras.hpp"
