// `kubectl events [-A] [-n NS] [--for TYPE/NAME] [--types=Normal,Warning] [--no-headers]
// [-o yaml|json|...]` as kubectl v1.32's pkg/cmd/events prints core/v1 Events
// client-side: sorted by their last time (series.lastObservedTime, else
// lastTimestamp, else eventTime), in a LAST SEEN / TYPE / REASON / OBJECT / MESSAGE
// table whose LAST SEEN reads "5m (x3 over 10m)" for repeated events.
// --watch (-w) streams as runWatch does: a watch from no resource version (the current
// events first, as synthetic ADDED events, in the store's order; then each change),
// DELETED events skipped, each event printed and flushed on its own (the header with
// the first), so every row is aligned by itself. Like `get -w` it is a job that runs
// until Ctrl-C in the terminal, and for 60 s of virtual time anywhere else.
#include <algorithm>
#include <utility>

#include "core/api/apiserver.h"
#include "core/kubectl/command.h"
#include "core/kubectl/output.h"
#include "core/printers/tabwriter.h"
#include "core/kubectl/get_watch.h"
#include "core/sandbox.h"
#include "core/terminal/job.h"
#include "core/util/duration.h"
#include "core/util/timefmt.h"
#include "core/util/strings.h"

namespace kt::kubectl {
namespace {

using K = FlagSpec::Kind;

using util::lower;

std::optional<sim::Time> time_of(const Json& e, std::initializer_list<std::string_view> path) {
  const std::string s = api::str_field(e, path);
  if (s.empty()) return std::nullopt;
  return util::parse_rfc3339(s);
}

// eventTime() of the events command: what the list is sorted by.
sim::Time sort_time(const Json& e) {
  if (api::field(e, {"series"}).is_object()) {
    if (auto t = time_of(e, {"series", "lastObservedTime"})) return *t;
    return sim::Time{0};
  }
  if (auto t = time_of(e, {"lastTimestamp"})) return *t;
  if (auto t = time_of(e, {"eventTime"})) return *t;
  return sim::Time{0};
}

std::string since(std::optional<sim::Time> t, sim::Time now) {
  if (!t) return "<unknown>";
  return util::human_duration(now - *t);
}

std::string interval(const Json& e, sim::Time now) {
  std::string first = since(time_of(e, {"eventTime"}), now);
  if (!time_of(e, {"eventTime"})) first = since(time_of(e, {"firstTimestamp"}), now);
  if (api::field(e, {"series"}).is_object())
    return since(time_of(e, {"series", "lastObservedTime"}), now) + " (x" +
           std::to_string(api::int_field(e, {"series", "count"})) + " over " + first + ")";
  const std::int64_t count = api::int_field(e, {"count"});
  if (count > 1)
    return since(time_of(e, {"lastTimestamp"}), now) + " (x" + std::to_string(count) + " over " + first + ")";
  return first;
}

// escapeCell: a cell ends at the first line break, marked "...".
std::string cell(std::string s) {
  const auto brk = s.find_first_of("\f\n\r");
  if (brk != std::string::npos) s = s.substr(0, brk) + "...";
  return s;
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\n\r\f\v");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\n\r\f\v") - b + 1);
}

std::vector<std::string> event_row(const Json& e, sim::Time now, bool all_ns) {
  std::vector<std::string> row = {interval(e, now), cell(api::str_field(e, {"type"})), cell(api::str_field(e, {"reason"})),
                                  cell(api::str_field(e, {"involvedObject", "kind"})) + "/" +
                                      cell(api::str_field(e, {"involvedObject", "name"})),
                                  cell(trim(api::str_field(e, {"message"})))};
  if (all_ns) row.insert(row.begin(), api::meta::namespace_of(e));
  return row;
}

std::vector<std::string> header_row(bool all_ns) {
  std::vector<std::string> row = {"LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"};
  if (all_ns) row.insert(row.begin(), "NAMESPACE");
  return row;
}

struct EventsWatch {
  std::string ns;
  api::ListOptions opts;
  std::vector<std::string> types;  // lower-case; empty: every type
  OutputFormat fmt;
  bool all_ns = false;
  bool no_headers = false;
};

class EventsWatchJob : public Job {
 public:
  EventsWatchJob(Sandbox& sb, EventsWatch w) : sb_(sb), w_(std::move(w)) {}
  ~EventsWatchJob() override { stop(); }

  std::string start(std::string& error) {
    api::WatchOptions wo;  // no resource version: the current events first
    wo.field_selector = w_.opts.field_selector;
    try {
      watch_ = sb_.api().watch(sb_.api().resource("", "events"), w_.ns, wo,
                               [this](const api::WatchEvent& e) { on_event(e); });
    } catch (const api::ApiError& e) {
      error = server_error(e);
      return "";
    }
    return std::exchange(out_, "");
  }
  std::string poll() override { return std::exchange(out_, ""); }
  bool done() const override { return false; }
  void stop() override {
    if (watch_) watch_->stop();
  }
  sim::Duration batch_limit() const override { return kBatchWatchLimit; }

 private:
  void on_event(const api::WatchEvent& e) {
    using T = api::WatchEvent::Type;
    if ((e.type != T::Added && e.type != T::Modified) || !e.object) return;
    const Json& ev = *e.object;
    if (!w_.types.empty() &&
        std::find(w_.types.begin(), w_.types.end(), lower(api::str_field(ev, {"type"}))) == w_.types.end())
      return;
    if (w_.fmt.kind != OutputFormat::Kind::Default) {
      if (w_.fmt.kind == OutputFormat::Kind::Yaml && printed_ > 0) out_ += "---\n";
      std::string error;
      out_ += print_structured(w_.fmt, for_output(ev), error) + error;
      ++printed_;
      return;
    }
    // Each event is flushed on its own: a fresh tabwriter alignment per row.
    std::vector<std::vector<std::string>> rows;
    if (!w_.no_headers && printed_ == 0) rows.push_back(header_row(w_.all_ns));
    rows.push_back(event_row(ev, sb_.sim().now(), w_.all_ns));
    out_ += printers::tabwrite(rows);
    ++printed_;
  }

  Sandbox& sb_;
  EventsWatch w_;
  api::WatchPtr watch_;
  std::string out_;
  int printed_ = 0;
};

CommandResult run_events(Invocation& inv) {
  const ParsedArgs& a = inv.args;
  auto& api = inv.sb.api();
  const bool all_ns = a.flag("all-namespaces");
  api::ListOptions opts;
  if (a.has("for")) {
    const std::string spec = a.str("for");
    const auto slash = spec.find('/');
    if (slash == std::string::npos) return fail("error: --for must be in resource/name form\n");
    if (spec.find('/', slash + 1) != std::string::npos)
      return fail("error: arguments in resource/name form may not have more than one slash\n");
    const api::ResourceInfo* res = api.registry().resolve(spec.substr(0, slash));
    if (!res) return fail("error: the server doesn't have a resource type \"" + spec.substr(0, slash) + "\"\n");
    opts.field_selector = "involvedObject.kind=" + res->kind + ",involvedObject.name=" + spec.substr(slash + 1);
  }
  std::vector<std::string> types;
  for (const auto& t : a.list("types")) {
    if (lower(t) != "normal" && lower(t) != "warning") return fail("error: valid --types are Normal or Warning\n");
    types.push_back(lower(t));
  }
  std::string error;
  OutputFormat fmt = parse_output(a, false, error);
  if (!error.empty()) return fail(error);

  const std::string ns = all_ns ? "" : inv.ns();
  if (a.flag("watch")) {
    auto job = std::make_shared<EventsWatchJob>(
        inv.sb, EventsWatch{ns, opts, types, fmt, all_ns, a.flag("no-headers")});
    CommandResult r;
    r.output = job->start(error);
    if (!error.empty()) return fail(error);
    r.job = std::move(job);
    return r;
  }
  std::vector<Json> events;
  try {
    for (const auto& e : api.list(api.resource("", "events"), ns, opts).items) {
      if (!types.empty() && std::find(types.begin(), types.end(), lower(api::str_field(*e, {"type"}))) == types.end())
        continue;
      events.push_back(for_output(*e));
    }
  } catch (const api::ApiError& e) {
    return fail(server_error(e));
  }
  if (events.empty())
    return {all_ns ? "No events found.\n" : "No events found in " + ns + " namespace.\n", 0};
  // FIXME: kubectl sorts with Go's (unstable) sort.Sort; equal times keep the list order here.
  std::stable_sort(events.begin(), events.end(),
                   [](const Json& x, const Json& y) { return sort_time(x) < sort_time(y); });

  if (fmt.kind != OutputFormat::Kind::Default) {
    Json list = Json::object();
    list["apiVersion"] = "v1";
    list["kind"] = "EventList";
    list["metadata"] = Json::object();
    list["items"] = Json::array();
    for (auto& e : events) list["items"].push_back(std::move(e));
    std::string out = print_structured(fmt, list, error);
    return {out + error, error.empty() ? 0 : 1};
  }
  const sim::Time now = inv.sb.sim().now();
  std::vector<std::vector<std::string>> rows;
  if (!a.flag("no-headers")) rows.push_back(header_row(all_ns));
  for (const auto& e : events) rows.push_back(event_row(e, now, all_ns));
  return {printers::tabwrite(rows), 0};
}

}  // namespace

Command events_command() {
  auto f = output_flags();
  f.insert(f.end(), {{"all-namespaces", 'A', K::Bool, "false"},
                     {"for", 0, K::String, ""},
                     {"types", 0, K::StringList, "[]"},
                     {"no-headers", 0, K::Bool, "false"},
                     {"watch", 'w', K::Bool, "false"},
                     {"chunk-size", 0, K::Int, "500"}});
  return {"events", f, run_events, {}};
}

}  // namespace kt::kubectl
