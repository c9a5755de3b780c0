#pragma once
// Text the host writes into tables and messages, written one way everywhere.
#include <string>

namespace miwb {

// A CSV field: quoted (with doubled quotes) only when it holds a comma, a quote or a newline.
std::string csvField(const std::string& text);

// A number rounded to `digits` significant digits, for messages and notes.
std::string roundedText(double v, int digits = 3);

}  // namespace miwb
