// Checks an incoming object's shape before anything else looks at it:
// apiVersion/kind against the endpoint, and the kind's schema for unknown fields
// and wrong types, honouring fieldValidation (Strict: 400 "strict decoding error";
// Warn: warnings; Ignore: unknown fields dropped silently as kube's decoder does).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/api/apiserver.h"

namespace kt::api {

// Fills in apiVersion/kind when missing; throws BadRequest when they name another type.
void check_type_meta(const ResourceInfo& res, Json& obj);
// Throws BadRequest for wrong types, and for unknown fields under Strict;
// appends warnings under Warn; removes unknown fields (kube drops them on decode).
// `skip`: members of obj known to decode cleanly, left unchecked. Returns whether
// the object decoded cleanly (no issue at all).
bool check_fields(const ResourceInfo& res, Json& obj, FieldValidation mode, std::vector<std::string>& warnings,
                  std::span<const Json* const> skip = {});

}  // namespace kt::api
