// Strict equality of JSON documents, for memos that skip work on a document equal to
// one already done. nlohmann's operator== compares numbers by value (1 == 1.0,
// 0.0 == -0.0, and an unsigned 5 equals a signed 5); the decoder, the printers and
// validation do not treat those alike ("80.0" is not an int32), so here values are
// equal only when they have the same type and the same bits.
#pragma once

#include <memory>

#include "core/api/json.h"

namespace kt {

// Same type and same contents at every level; a frozen node shared by both is
// recognised without walking it.
bool identical(const Json& a, const Json& b);

// make_frozen (json.h) for a document with a part already known to be identical to
// an object of a frozen document: `part` (an object inside j) becomes `twin`'s node
// without being compared or hashed. The result is the document make_frozen(j, like)
// would make. Ignored unless twin is a frozen object.
std::shared_ptr<const Json> make_frozen_with(Json j, const Json* like, const Json* part, const Json& twin);

}  // namespace kt
