// Events (printEvent), for core/v1 and events.k8s.io/v1 (which kube-apiserver
// converts to the same internal Event before printing: regarding → involvedObject,
// note → message, deprecatedFirstTimestamp → firstTimestamp, ...).
#include <cctype>

#include "core/printers/printer_util.h"

namespace kt::printers {
namespace {

using namespace detail;
using api::field;
using api::str_field;

struct EventView {
  std::string first, last, event_time, series_last, type, reason, kind, name, field_path, component, host, message,
      event_name;
  std::int64_t count = 0;
  bool has_series = false;
  std::int64_t series_count = 0;
};

std::string trim_space(const std::string& s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

Row event_row_from(const api::ObjectPtr& obj, const EventView& v, sim::Time now) {
  // translateTimestampSince of a zero time is "<unknown>".
  std::string first = !v.first.empty() ? since(v.first, now) : since(v.event_time, now);
  std::string last = !v.last.empty() ? since(v.last, now) : first;
  std::int64_t count = v.count;
  if (v.has_series) {
    last = since(v.series_last, now);
    count = v.series_count;
  } else if (count == 0) {
    count = 1;  // singleton events of the new API carry no count
  }
  std::string target = v.name.empty() ? lower(v.kind) : lower(v.kind) + "/" + v.name;
  std::string component = !v.component.empty() ? v.component : "";
  std::string source = component;
  if (!v.host.empty()) source = component + ", " + v.host;
  return make_row(obj, {last, v.type, v.reason, target, v.field_path, source, trim_space(v.message), first, Json(count),
                        v.event_name});
}

// Where an Event keeps each column: core/v1 names and events.k8s.io/v1's.
struct EventFields {
  const char* first;
  const char* last;
  const char* count;
  const char* regarding;
  const char* source;
  const char* controller;
  const char* message;
};
constexpr EventFields kCoreEvent{"firstTimestamp", "lastTimestamp", "count", "involvedObject",
                                 "source", "reportingComponent", "message"};
constexpr EventFields kEventsV1{"deprecatedFirstTimestamp", "deprecatedLastTimestamp", "deprecatedCount", "regarding",
                                "deprecatedSource", "reportingController", "note"};

Row event_row(const api::ObjectPtr& obj, sim::Time now, const EventFields& f) {
  const Json& e = *obj;
  EventView v;
  v.first = str_field(e, {f.first});
  v.last = str_field(e, {f.last});
  v.event_time = str_field(e, {"eventTime"});
  v.count = api::int_field(e, {f.count}, 0);
  if (const Json& s = field(e, {"series"}); s.is_object()) {
    v.has_series = true;
    v.series_count = api::int_field(s, {"count"}, 0);
    v.series_last = str_field(s, {"lastObservedTime"});
  }
  v.type = str_field(e, {"type"});
  v.reason = str_field(e, {"reason"});
  v.kind = str_field(e, {f.regarding, "kind"});
  v.name = str_field(e, {f.regarding, "name"});
  v.field_path = str_field(e, {f.regarding, "fieldPath"});
  v.component = str_field(e, {f.source, "component"});
  if (v.component.empty()) v.component = str_field(e, {f.controller});
  v.host = str_field(e, {f.source, "host"});
  if (v.host.empty()) v.host = str_field(e, {"reportingInstance"});
  v.message = str_field(e, {f.message});
  v.event_name = api::meta::name(e);
  return event_row_from(obj, v, now);
}

Row core_event_row(const api::ObjectPtr& obj, sim::Time now) { return event_row(obj, now, kCoreEvent); }

Row events_v1_row(const api::ObjectPtr& obj, sim::Time now) { return event_row(obj, now, kEventsV1); }

std::vector<Column> event_columns() {
  Column name = name_column();
  name.priority = 1;
  return {col("Last Seen", "string", 0, "The time at which the most recent occurrence of this event was recorded."),
          col("Type", "string", 0, "Type of this event (Normal, Warning), new types could be added in the future"),
          col("Reason", "string", 0,
              "This should be a short, machine understandable string that gives the reason for the transition into "
              "the object's current status."),
          col("Object", "string", 0, "The object that this event is about."),
          col("Subobject", "string", 1,
              "If referring to a piece of an object instead of an entire object, this string should contain a "
              "valid JSON/Go field access statement, such as desiredState.manifest.containers[2]."),
          col("Source", "string", 1, "The component reporting this event. Should be a short machine understandable string."),
          col("Message", "string", 0, "A human-readable description of the status of this operation."),
          col("First Seen", "string", 1,
              "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)"),
          col("Count", "string", 1, "The number of times this event has occurred."),
          name};
}

}  // namespace

void register_event_printers() {
  add_printer("", "events", {event_columns(), core_event_row});
  add_printer("events.k8s.io", "events", {event_columns(), events_v1_row});
}

}  // namespace kt::printers
