#pragma once
// How the form keeps a document as the user wrote it: the form's widgets show every value (the
// defaults too), but only what the user changed goes back into the document they opened. A change
// is a JSON merge patch (RFC 7386) from the form as it was loaded to the form as it is now, applied
// to the opened document, so fields the form has no widget for, and defaults the file left out,
// stay as they were.
#include "miwb/params.h"

namespace miwb::gui {

// The merge patch that turns `from` into `to` (objects compared key by key; anything else whole).
Json mergeDiff(const Json& from, const Json& to);

// `written` with the form's changes since it was loaded (`loaded` -> `now`) applied.
Json withFormChanges(Json written, const Json& loaded, const Json& now);

}  // namespace miwb::gui
