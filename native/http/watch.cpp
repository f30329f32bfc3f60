// Watches: ApiHandler::watch (options, initial state, 410 as an ERROR event) and
// WatchSession (encoding, timeout, teardown).
#include "native/http/watch.h"

#include "core/printers/table.h"
#include "native/http/api_handler.h"

namespace kt::http {

using api::ApiError;
using api::WatchEvent;

WatchSession::WatchSession(ApiHandler& owner, const api::ResourceInfo& res, std::shared_ptr<Stream> stream, Form form,
                           boost::asio::io_context& ioc)
    : owner_(owner), res_(res), stream_(std::move(stream)), form_(std::move(form)), timer_(ioc) {}

void WatchSession::start(double timeout_seconds) {
  std::weak_ptr<WatchSession> weak = weak_from_this();
  stream_->on_close([weak] {
    if (auto self = weak.lock()) self->finish();
  });
  if (timeout_seconds > 0) {
    timer_.expires_after(std::chrono::milliseconds(static_cast<long long>(timeout_seconds * 1000)));
    timer_.async_wait([weak](const boost::system::error_code& ec) {
      if (ec) return;
      if (auto self = weak.lock()) self->finish();
    });
  }
}

Json WatchSession::event_object(const WatchEvent& ev) {
  if (ev.type == WatchEvent::Type::Error || !form_.table) return *ev.object;
  const std::string rv = api::str_field(*ev.object, {"metadata", "resourceVersion"});
  Json meta = {{"resourceVersion", rv}};
  if (ev.type == WatchEvent::Type::Bookmark) {
    printers::Table empty;
    return table_json(empty, IncludeObject::None, meta, form_.meta_version, false);
  }
  printers::Table t = printers::make_table(res_, {ev.object}, owner_.api_.sim().now());
  // kube-apiserver sends the column definitions with the first event only.
  Json j = table_json(t, form_.include, meta, form_.meta_version, !headers_sent_);
  headers_sent_ = true;
  return j;
}

void WatchSession::send(const WatchEvent& ev) {
  if (finished_ || stream_->closed()) return;
  Json line = {{"type", std::string(api::to_string(ev.type))}, {"object", event_object(ev)}};
  stream_->write(line.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n");
}

void WatchSession::finish() {
  if (finished_) return;
  finished_ = true;
  auto self = shared_from_this();  // the owner's set may hold the last reference
  if (watch_) watch_->stop();
  timer_.cancel();
  stream_->finish();
  owner_.watches_.erase(self);
}

namespace {

bool truthy(const std::optional<std::string>& v) { return v && (*v == "true" || *v == "1"); }

}  // namespace

void ApiHandler::watch(const Request& req, const RequestInfo& info, const api::ResourceInfo& res, Exchange& ex) {
  api::WatchOptions wo;
  wo.resource_version = req.param("resourceVersion").value_or("");
  wo.label_selector = req.param("labelSelector").value_or("");
  wo.field_selector = req.param("fieldSelector").value_or("");
  if (!info.name.empty())
    wo.field_selector = "metadata.name=" + info.name + (wo.field_selector.empty() ? "" : "," + wo.field_selector);
  wo.allow_bookmarks = truthy(req.param("allowWatchBookmarks"));
  const bool send_initial = truthy(req.param("sendInitialEvents"));

  double timeout = opts_.default_watch_seconds;
  if (auto t = req.param("timeoutSeconds"); t && !t->empty()) {
    try {
      timeout = std::stod(*t);
    } catch (const std::exception&) {
      throw ApiError::bad_request("invalid value for timeoutSeconds: \"" + *t + "\"");
    }
  }

  WatchSession::Form form;
  Negotiated n = negotiate(req.header("accept"));
  form.table = n.form == OutputForm::Table;
  form.include = include_object(req.param("includeObject").value_or(""));
  form.meta_version = n.table_version;

  // Current state first when the client starts from "" / "0" (or asks for it):
  // listed now and sent as ADDED, then every change after the list's revision.
  std::vector<api::ObjectPtr> initial;
  const bool from_now = wo.resource_version.empty() || wo.resource_version == "0";
  if (from_now || send_initial) {
    api::ListOptions lo;
    lo.label_selector = wo.label_selector;
    lo.field_selector = wo.field_selector;
    api::ListResult l = api_.list(res, info.ns, lo);  // throws BadRequest for bad selectors
    initial = std::move(l.items);
    wo.resource_version = std::to_string(l.resource_version);
  }

  // Validate the selectors before answering 200 (kube answers 400 for bad ones).
  if (!from_now && !send_initial) {
    api::ListOptions lo;
    lo.label_selector = wo.label_selector;
    lo.field_selector = wo.field_selector;
    lo.limit = 1;
    api_.list(res, info.ns, lo);
  }

  auto stream = ex.stream(200, "application/json", {});
  auto session = std::make_shared<WatchSession>(*this, res, stream, form, ioc_);
  watches_.insert(session);
  session->start(timeout);

  for (const auto& obj : initial) session->send({WatchEvent::Type::Added, obj});
  if (send_initial && wo.allow_bookmarks) {
    Json bm = {{"kind", res.kind},
               {"apiVersion", res.api_version()},
               {"metadata",
                {{"resourceVersion", wo.resource_version},
                 {"annotations", {{"k8s.io/initial-events-end", "true"}}}}}};
    session->send({WatchEvent::Type::Bookmark, api::make_object(std::move(bm))});
  }

  std::weak_ptr<WatchSession> weak = session;
  try {
    api::WatchPtr w = api_.watch(res, info.ns, wo, [weak](const WatchEvent& ev) {
      if (auto s = weak.lock()) s->send(ev);
    });
    session->set_watch(std::move(w));
  } catch (const ApiError& e) {
    // Too old a resourceVersion: kube streams one ERROR event with the 410 Status.
    session->send({WatchEvent::Type::Error, api::make_object(e.status())});
    session->finish();
  }
}

}  // namespace kt::http
