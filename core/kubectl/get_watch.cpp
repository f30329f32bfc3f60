// The watch of `kubectl get -w` (see get_watch.h).
#include "core/kubectl/get_watch.h"

#include <utility>

#include "core/kubectl/command.h"
#include "core/printers/tabwriter.h"
#include "core/sandbox.h"
#include "core/terminal/job.h"

namespace kt::kubectl {
namespace {

// printers' formatEventType: the type padded to 8 columns.
std::string event_cell(api::WatchEvent::Type t) {
  std::string s(api::to_string(t));
  if (s.size() < 8) s += std::string(8 - s.size(), ' ');
  return s;
}

class GetWatchJob : public Job {
 public:
  explicit GetWatchJob(Sandbox& sb, WatchRequest req) : sb_(sb), req_(std::move(req)) {}
  ~GetWatchJob() override { stop(); }

  // Lists, prints the list (unless --watch-only), then watches from the list's version.
  std::string start(std::string& error) {
    api::ListResult listed;
    try {
      listed = sb_.api().list(*req_.res, req_.ns, req_.selectors);
    } catch (const api::ApiError& e) {
      error = server_error(e);
      return "";
    }
    std::vector<api::ObjectPtr> objs;
    for (auto& o : listed.items)
      if (wanted(*o)) objs.push_back(o);
    std::string out;
    if (!req_.watch_only) out = render(objs, api::WatchEvent::Type::Added);
    api::WatchOptions wo;
    wo.resource_version = std::to_string(listed.resource_version);
    wo.label_selector = req_.selectors.label_selector;
    wo.field_selector = req_.selectors.field_selector;
    watch_ = sb_.api().watch(*req_.res, req_.ns, wo, [this](const api::WatchEvent& e) { on_event(e); });
    return out;
  }

  std::string poll() override { return std::exchange(out_, ""); }
  bool done() const override { return false; }  // until Ctrl-C, kill or the batch limit
  void stop() override {
    if (watch_) watch_->stop();
  }
  sim::Duration batch_limit() const override { return kBatchWatchLimit; }

 private:
  bool wanted(const Json& obj) const { return req_.names.empty() || req_.names.count(api::meta::name(obj)) > 0; }

  void on_event(const api::WatchEvent& e) {
    using T = api::WatchEvent::Type;
    if ((e.type != T::Added && e.type != T::Modified && e.type != T::Deleted) || !e.object || !wanted(*e.object)) return;
    out_ += render({e.object}, e.type);
  }

  // The objects as one tabwriter flush (a table) or one by one (structured).
  std::string render(const std::vector<api::ObjectPtr>& objs, api::WatchEvent::Type type) {
    if (objs.empty()) return "";
    const auto kind = req_.fmt.kind;
    if (kind == OutputFormat::Kind::Default || kind == OutputFormat::Kind::Wide) {
      auto rows = req_.table(objs, !printed_header_);
      if (req_.events) {
        const bool header = rows.size() > objs.size();
        for (std::size_t i = 0; i < rows.size(); ++i)
          rows[i].insert(rows[i].begin(), header && i == 0 ? "EVENT" : event_cell(type));
      }
      printed_header_ = true;
      return printers::tabwrite(rows, widths_);
    }
    std::string out;
    for (const auto& o : objs) {
      Json obj = for_output(*o);
      if (req_.events) {
        Json ev = Json::object();
        ev["type"] = std::string(api::to_string(type));
        ev["object"] = std::move(obj);
        obj = std::move(ev);
      }
      if (kind == OutputFormat::Kind::Yaml && printed_++ > 0) out += "---\n";
      std::string error;
      out += print_structured(req_.fmt, obj, error) + error;
      if (kind == OutputFormat::Kind::CustomColumns) req_.fmt.no_headers = true;  // header once
    }
    return out;
  }

  Sandbox& sb_;
  WatchRequest req_;
  api::WatchPtr watch_;
  std::string out_;
  bool printed_header_ = false;
  std::vector<std::size_t> widths_;  // the tabwriter's remembered column widths
  int printed_ = 0;
};

}  // namespace

CommandResult watch_objects(Sandbox& sb, WatchRequest req) {
  auto job = std::make_shared<GetWatchJob>(sb, std::move(req));
  std::string error;
  CommandResult r;
  r.output = job->start(error);
  if (!error.empty()) return fail(error);
  r.job = std::move(job);
  return r;
}

}  // namespace kt::kubectl
