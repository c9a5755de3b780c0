// The common headers plus Qt's widget, chart and SVG modules, for the targets that build on the
// charts library (the window, the figure module and their tests): Qt Widgets and Qt Charts cost
// those translation units as much again to parse.
#pragma once

#include "precompiled_headers.h"

#include <QtCharts>
#include <QtGui>
#include <QtSvg>
#include <QtWidgets>
