// cppnb's ROOT-like library, all of it: every ROOT-named header includes this.
// Header-only but for ROOT file I/O (file.hpp, tree.hpp, tree_reader.hpp),
// whose code is in libcppnb-root (root/src): a g++ program that reads files
// links it (-L root/build -lcppnb-root); one that does not needs nothing.
#pragma once

#include "types.hpp"
#include "tmath.hpp"
#include "tmath_distributions.hpp"
#include "math_functions.hpp"
#include "random.hpp"
#include "core.hpp"
#include "tstring.hpp"
#include "matrix.hpp"
#include "functions.hpp"
#include "histograms.hpp"
#include "histograms2d.hpp"
#include "hist_tests.hpp"
#include "hist_smooth.hpp"
#include "profile.hpp"
#include "stack.hpp"
#include "functions2d.hpp"
#include "system.hpp"
#include "benchmark.hpp"
#include "pave.hpp"
#include "multigraph.hpp"
#include "build_legend.hpp"
#include "graphs.hpp"
#include "fitter.hpp"
#include "legend.hpp"
#include "canvas.hpp"
#include "painter.hpp"
#include "paint_histograms.hpp"
#include "th2poly.hpp"
#include "stats_box.hpp"
#include "paint_graphs.hpp"
#include "primitives.hpp"
#include "gaxis.hpp"
#include "notebook.hpp"
#include "extras.hpp"
#include "ratioplot.hpp"
#include "collections.hpp"
#include "file.hpp"
#include "tree.hpp"
#include "chain.hpp"
#include "tree_reader.hpp"
#include "tree_player.hpp"
// TTree::Draw fills the session's histograms: the I/O library's own sources
// never run it (their copies of the header-only classes are their own).
#ifndef CPPNB_ROOT_LIBRARY
#include "tree_draw.hpp"
#endif
#include "file_objects.hpp"
#include "file_display.hpp"
