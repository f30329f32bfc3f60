// Kubernetes' protobuf wire form for request bodies (Content-Type
// application/vnd.kubernetes.protobuf), which kubectl v1.32's typed clients send for
// `kubectl create deployment|namespace|configmap|secret|service|job|serviceaccount|…`.
//
// A body is the magic "k8s\0" followed by a runtime.Unknown message
// (typeMeta = 1 {apiVersion = 1, kind = 2}, raw = 2, contentEncoding = 3,
// contentType = 4); raw is the object's message. The field numbers are those of
// k8s.io/api's generated.proto files (see protobuf_schema.cpp). The result is the
// JSON the same object would have been sent as: zero-valued non-pointer scalars are
// left out (their JSON tags are omitempty), zero timestamps too.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/api/json.h"

namespace kt::http::protobuf {

// Throws api::ApiError: 415 for kinds (or fields) this sandbox has no schema for,
// 400 for malformed bodies.
Json decode_object(std::string_view body);

// ---- the schema tables (protobuf_schema.cpp) ------------------------------------------

enum class FieldType {
  String,
  Bytes,              // base64 in JSON
  Int32,
  Int64,
  Bool,
  Message,            // `message` names the type
  MapStringString,
  MapStringBytes,
  MapStringQuantity,  // map<string, resource.Quantity>
  Time,               // metav1.Time → RFC 3339
  MicroTime,          // metav1.MicroTime → RFC 3339 with microseconds
  IntOrString,        // intstr.IntOrString → number or string
  Quantity,           // resource.Quantity → string
};

struct FieldDef {
  int number;
  const char* json;
  FieldType type;
  const char* message = nullptr;  // for Message
  bool repeated = false;
  bool pointer = false;  // a Go pointer: kept even when zero
  bool inline_ = false;  // an embedded struct whose fields JSON inlines (LocalObjectReference)
};

struct MessageDef {
  const char* name;
  std::vector<FieldDef> fields;
};

const MessageDef* find_message(std::string_view name);
// The top-level message of an apiVersion/kind, or nullptr.
const char* message_for_kind(std::string_view api_version, std::string_view kind);

}  // namespace kt::http::protobuf
