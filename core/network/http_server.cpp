#include "core/network/http_server.h"

#include <cstdio>

#include "core/network/elasticsearch.h"
#include "core/node/rootfs.h"
#include "core/util/names.h"
#include "core/util/timefmt.h"

namespace kt::network {
namespace {

constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string nginx_error(int status, const std::string& reason, const std::string& version) {
  const std::string title = std::to_string(status) + " " + reason;
  return "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title +
         "</h1></center>\r\n<hr><center>nginx/" + version + "</center>\r\n</body>\r\n</html>\r\n";
}

HttpResponse nginx(const node::ImageInfo& image, const HttpRequest& req, sim::Time now, const FileReader& read) {
  HttpResponse r;
  const std::string version = image.version.empty() ? "1.27.3" : image.version;
  std::string path = req.path.empty() ? "/" : req.path.substr(0, req.path.find('?'));
  const bool directory = path.back() == '/';
  if (directory) path += "index.html";
  std::optional<std::string> body;
  if (read) {
    body = read("/usr/share/nginx/html" + path);
  } else if (path == "/index.html") {
    body = node::nginx_index_html(version);  // no container files to read: the image's page
  }
  r.headers.emplace_back("Server", "nginx/" + version);
  r.headers.emplace_back("Date", http_date(now));
  if (!body) {
    // A directory without its index is forbidden (autoindex is off).
    r.status = directory ? 403 : 404;
    r.reason = directory ? "Forbidden" : "Not Found";
    r.body = nginx_error(r.status, r.reason, version);
    r.headers.emplace_back("Content-Type", "text/html");
    r.headers.emplace_back("Content-Length", std::to_string(r.body.size()));
    r.headers.emplace_back("Connection", "keep-alive");
    return r;
  }
  r.body = *body;
  const bool html = path.size() >= 5 && (path.rfind(".html") == path.size() - 5 || path.rfind(".htm") == path.size() - 4);
  r.headers.emplace_back("Content-Type", html ? "text/html" : "application/octet-stream");
  r.headers.emplace_back("Content-Length", std::to_string(r.body.size()));
  r.headers.emplace_back("Last-Modified", http_date(now - sim::hours(24 * 90)));
  r.headers.emplace_back("Connection", "keep-alive");
  char etag[48];
  std::snprintf(etag, sizeof etag, "\"%08x-%zx\"", util::fnv32a(r.body), r.body.size());
  r.headers.emplace_back("ETag", etag);
  r.headers.emplace_back("Accept-Ranges", "bytes");
  return r;
}

HttpResponse text(int status, const std::string& reason, const std::string& type, std::string body, sim::Time now,
                  const std::string& server = "") {
  HttpResponse r;
  r.status = status;
  r.reason = reason;
  if (!server.empty()) r.headers.emplace_back("Server", server);
  r.headers.emplace_back("Content-Type", type);
  r.headers.emplace_back("Date", http_date(now));
  r.headers.emplace_back("Content-Length", std::to_string(body.size()));
  r.body = std::move(body);
  return r;
}

}  // namespace

std::string http_date(sim::Time t) {
  const util::CivilTime c = util::civil_from_time(t);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %lld %02d:%02d:%02d GMT", kDays[c.weekday], c.day, kMonths[c.month - 1],
                static_cast<long long>(c.year), c.hour, c.minute, c.second);
  return buf;
}

HttpResponse serve_http(const node::ImageInfo& image, int port, const std::string& hostname, const HttpRequest& req,
                        sim::Time now, const FileReader& read_file, const ServerEnv& env) {
  const std::string name = image.ref.short_name();
  if (name == "nginx" && port == 80) return nginx(image, req, now, read_file);
  if (name == "httpd" && port == 80)
    return text(200, "OK", "text/html", "<html><body><h1>It works!</h1></body></html>\n", now, "Apache/2.4.62 (Unix)");
  if (name == "tomcat" && port == 8080)
    return text(404, "", "text/html;charset=utf-8",
                "<!doctype html><html lang=\"en\"><head><title>HTTP Status 404 – Not Found</title></head><body>"
                "<h1>HTTP Status 404 – Not Found</h1><hr class=\"line\" /><p><b>Type</b> Status Report</p><p><b>"
                "Description</b> The origin server did not find a current representation for the target resource or "
                "is not willing to disclose that one exists.</p><hr class=\"line\" /><h3>Apache Tomcat/" +
                    (image.ref.tag == "latest" ? std::string("11.0.2") : image.ref.tag) + "</h3></body></html>",
                now);
  if (name == "elasticsearch" && port == 9200) return elasticsearch(image, req, hostname, env, now);
  if (name == "hello-app" && port == 8080) {
    const std::string version = image.ref.tag == "2.0" ? "2.0.0" : "1.0.0";
    return text(200, "OK", "text/plain; charset=utf-8",
                "Hello, world!\nVersion: " + version + "\nHostname: " + hostname + "\n", now);
  }
  if (name == "echo-server") {
    std::string body = "Request served by " + hostname + "\n\n" + req.method + " " + req.path + " HTTP/1.1\n\n";
    body += "Host: " + req.host + "\n";
    for (const auto& [k, v] : req.headers) body += k + ": " + v + "\n";
    return text(200, "OK", "text/plain", body, now);
  }
  // The control plane's and add-ons' health endpoints (what their probes ask).
  const std::string path = req.path.substr(0, req.path.find('?'));
  if (name == "etcd" && path == "/health")
    return text(200, "OK", "text/plain; charset=utf-8", "{\"health\":\"true\",\"reason\":\"\"}", now);
  if (name == "coredns" && (path == "/health" || path == "/ready")) return text(200, "OK", "text/plain; charset=utf-8", "OK", now);
  if (path == "/healthz" || path == "/livez" || path == "/readyz" || path == "/health" || path == "/ready")
    return text(200, "OK", "text/plain; charset=utf-8", "ok", now);
  HttpResponse r;
  r.empty_reply = true;
  return r;
}

}  // namespace kt::network
