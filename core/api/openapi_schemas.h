// The OpenAPI v3 schemas (components.schemas of /openapi/v3/<group-version>) that the
// sandbox carries: Kubernetes v1.32's own descriptions, types, required fields and
// enums for the kinds and fields the tutorials reach. One source for both readers:
// `kubetab serve` publishes them (the real kubectl's explain reads them there) and the
// terminal's `kubectl explain` renders them (core/kubectl/explain*.cpp), so the two
// print the same text. The data is core/api/openapi_schemas_data.inc, in a compact
// text form described in openapi_schemas.cpp; tools/openapi_schemas/README.md says
// where it was taken from and how to add a type.
#pragma once

#include <string>
#include <vector>

#include "core/api/json.h"

namespace kt::api {

// name ("io.k8s.api.core.v1.Pod") → schema, as the OpenAPI v3 document has it: object
// fields in "properties", references as {"allOf":[{"$ref":"#/components/schemas/N"}]},
// kinds tagged with "x-kubernetes-group-version-kind".
const Json& openapi_schemas();

// The name of the schema tagged with group/version/kind, or "" when it is not carried.
std::string openapi_schema_for(const std::string& group, const std::string& version, const std::string& kind);

// The carried schemas reachable from `roots` through $ref, the roots included: what one
// group-version's document holds. References to schemas not carried stay dangling (the
// real kubectl then names the type from the reference and shows no fields under it).
Json openapi_schema_closure(const std::vector<std::string>& roots);

// The schema a "#/components/schemas/N" reference names, or nullptr when not carried.
const Json* openapi_resolve_ref(const std::string& ref);

}  // namespace kt::api
