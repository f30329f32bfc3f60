// The network programs of the hosts (CentOS 7's curl 7.29, bind-utils nslookup,
// iputils ping, net-tools ifconfig, iproute2 ip) answering through the sandbox's
// dataplane (core/network): pod and Service addresses, NodePorts, LoadBalancer
// addresses, DNS via a given server (the machines' own resolver knows only
// /etc/hosts: cluster names resolve inside pods). Nothing reaches the Internet.
#include <algorithm>
#include <cstdio>

#include "core/api/apiserver.h"
#include "core/cluster/cluster.h"
#include "core/network/dataplane.h"
#include "core/network/dns.h"
#include "core/network/http_server.h"
#include "core/node/kubelet.h"
#include "core/sandbox.h"
#include "core/terminal/shell_state.h"
#include "core/util/names.h"

namespace kt::term {
namespace {

bool is_ipv4(const std::string& s) {
  unsigned a, b, c, d;
  char tail;
  return std::sscanf(s.c_str(), "%u.%u.%u.%u%c", &a, &b, &c, &d, &tail) == 4 && a < 256 && b < 256 && c < 256 &&
         d < 256;
}

// The host's own resolver: an address, or a name in its /etc/hosts.
std::optional<std::string> host_lookup(Invocation& inv, const std::string& name) {
  if (is_ipv4(name)) return name;
  if (name == "localhost") return "127.0.0.1";
  auto hosts = inv.fs().read("/etc/hosts");
  if (!hosts.data) return std::nullopt;
  for (const auto& line : split_lines(*hosts.data)) {
    std::vector<std::string> f;
    std::string word;
    for (char ch : line.substr(0, line.find('#'))) {
      if (ch == ' ' || ch == '\t') {
        if (!word.empty()) f.push_back(word);
        word.clear();
      } else {
        word += ch;
      }
    }
    if (!word.empty()) f.push_back(word);
    for (std::size_t i = 1; i < f.size(); ++i)
      if (f[i] == name && is_ipv4(f[0])) return f[0];
  }
  return std::nullopt;
}

network::Client client_of(Invocation& inv) {
  const Host& h = *inv.sh.session().host;
  network::Client c;
  c.ip = h.ip;
  if (h.container) {
    auto& api = inv.sh.sandbox.api();
    auto pod = api.try_get(api.resource("", "pods"), h.container->ns, h.container->pod);
    c.machine = pod ? api::str_field(*pod, {"spec", "nodeName"}) : "";
    c.pod_key = h.container->ns + "/" + h.container->pod;
    c.in_cluster = true;
    return c;
  }
  c.machine = h.name;
  c.in_cluster = inv.sh.sandbox.cluster().machine(h.name) != nullptr;
  return c;
}

// The search domains and nameserver of the host's /etc/resolv.conf.
struct ResolvConf {
  std::string nameserver;
  std::vector<std::string> search;
};

ResolvConf resolv_conf(Invocation& inv) {
  ResolvConf rc;
  auto file = inv.fs().read("/etc/resolv.conf");
  if (!file.data) return rc;
  for (const auto& line : split_lines(*file.data)) {
    std::vector<std::string> w;
    std::string word;
    for (char ch : line + " ") {
      if (ch == ' ' || ch == '\t') {
        if (!word.empty()) w.push_back(word);
        word.clear();
      } else {
        word += ch;
      }
    }
    if (w.size() >= 2 && w[0] == "nameserver" && rc.nameserver.empty()) rc.nameserver = w[1];
    if (!w.empty() && w[0] == "search") rc.search.assign(w.begin() + 1, w.end());
  }
  return rc;
}

// Whether the host resolves names through the cluster's DNS (a pod with
// dnsPolicy ClusterFirst): its resolv.conf names kube-dns.
bool uses_cluster_dns(Invocation& inv) {
  return inv.sh.session().host->container && resolv_conf(inv).nameserver == network::kDnsServiceIP;
}

// getaddrinfo: /etc/hosts, then DNS with the search path where the host uses the
// cluster's DNS.
std::optional<std::string> resolve_host(Invocation& inv, const std::string& name) {
  if (auto ip = host_lookup(inv, name)) return ip;
  if (!uses_cluster_dns(inv)) return std::nullopt;
  network::DnsAnswer a = network::resolve(inv.sh.sandbox.api(), name, resolv_conf(inv).search);
  if (!a.found || a.addresses.empty()) return std::nullopt;
  return a.addresses.front();
}

// The container that accepted connection c (null for a machine daemon).
const node::ContainerState* answering_container(Sandbox& sb, const network::Connection& c) {
  auto pod = sb.api().try_get(sb.api().resource("", "pods"), c.pod_ns, c.pod_name);
  const node::Kubelet* k = pod ? sb.cluster().kubelet(api::str_field(*pod, {"spec", "nodeName"})) : nullptr;
  const node::PodState* st = k ? k->pod(c.pod_ns, c.pod_name) : nullptr;
  if (st)
    for (const auto& x : st->containers)
      if (x.name == c.container && x.image) return &x;
  return nullptr;
}

// An HTTP request over connection c, answered by the container's image from its
// own files (nginx serves what exec or a volume put in its html directory).
network::HttpResponse http_exchange(Sandbox& sb, const network::Connection& c, const network::HttpRequest& req) {
  const node::ContainerState* cs = answering_container(sb, c);
  if (!cs) {
    network::HttpResponse empty;
    empty.empty_reply = true;
    return empty;
  }
  auto pod = sb.api().try_get(sb.api().resource("", "pods"), c.pod_ns, c.pod_name);
  const std::string hostname = pod ? api::str_field(*pod, {"spec", "hostname"}, c.pod_name) : c.pod_name;
  std::shared_ptr<MemoryFs> files = cs->fs;
  network::FileReader read = [files](const std::string& path) -> std::optional<std::string> {
    if (!files) return std::nullopt;
    return files->read(path).data;
  };
  network::ServerEnv env{pod ? api::str_field(*pod, {"status", "podIP"}) : "", cs->env};
  return network::serve_http(*cs->image, static_cast<int>(c.port), hostname, req, sb.sim().now(), read, env);
}

// ---- curl ----------------------------------------------------------------------------------

struct Url {
  std::string scheme = "http", host, path = "/";
  std::int64_t port = 80;
};

std::optional<Url> parse_url(std::string s) {
  Url u;
  if (auto p = s.find("://"); p != std::string::npos) {
    u.scheme = s.substr(0, p);
    s = s.substr(p + 3);
    if (u.scheme != "http" && u.scheme != "https") return std::nullopt;
    if (u.scheme == "https") u.port = 443;
  }
  const auto slash = s.find('/');
  if (slash != std::string::npos) {
    u.path = s.substr(slash);
    s = s.substr(0, slash);
  }
  if (auto colon = s.rfind(':'); colon != std::string::npos) {
    const std::string p = s.substr(colon + 1);
    if (p.empty() || p.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    u.port = std::stoll(p);
    s = s.substr(0, colon);
  }
  u.host = s;
  if (u.host.empty()) return std::nullopt;
  return u;
}

int curl(Invocation& inv) {
  bool silent = false, show_error = false, head = false, include = false, verbose = false;
  std::string output, method, data;
  std::optional<double> max_time;
  std::vector<std::pair<std::string, std::string>> headers;
  std::vector<std::string> resolves, urls;
  // Short options bundle, as getopt allows: -sI, -sSo file, -vk.
  std::vector<std::string> argv = {inv.argv[0]};
  for (std::size_t i = 1; i < inv.argv.size(); ++i) {
    const std::string& a = inv.argv[i];
    if (a.size() > 2 && a[0] == '-' && a[1] != '-' && a.find_first_not_of("sSIivkLomXdH", 1) == std::string::npos) {
      for (std::size_t k = 1; k < a.size(); ++k) argv.push_back(std::string("-") + a[k]);
    } else {
      argv.push_back(a);
    }
  }
  for (std::size_t i = 1; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    auto value = [&]() -> std::optional<std::string> {
      if (i + 1 < argv.size()) return argv[++i];
      return std::nullopt;
    };
    auto need = [&](const char* flag) -> std::string {
      auto v = value();
      if (!v) throw std::runtime_error(std::string("curl: option ") + flag + ": requires parameter\n");
      return *v;
    };
    try {
      if (a == "-s" || a == "--silent") silent = true;
      else if (a == "-S" || a == "--show-error") show_error = true;
      else if (a == "-I" || a == "--head") head = true;
      else if (a == "-i" || a == "--include") include = true;
      else if (a == "-v" || a == "--verbose") verbose = true;
      else if (a == "-k" || a == "--insecure" || a == "-L" || a == "--location") continue;
      else if (a == "-o" || a == "--output") output = need(a.c_str());
      else if (a == "-X" || a == "--request") method = need(a.c_str());
      else if (a == "-d" || a == "--data") data = need(a.c_str());
      else if (a == "-m" || a == "--max-time" || a == "--connect-timeout") max_time = std::atof(need(a.c_str()).c_str());
      else if (a == "--resolve") resolves.push_back(need("--resolve"));
      else if (a == "-H" || a == "--header") {
        const std::string h = need(a.c_str());
        const auto colon = h.find(':');
        std::string v = colon == std::string::npos ? "" : h.substr(colon + 1);
        v.erase(0, v.find_first_not_of(' '));
        headers.emplace_back(h.substr(0, colon), v);
      } else if (a.size() > 1 && a[0] == '-') {
        return inv.fail("curl: option " + a + ": is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n", 2);
      } else {
        urls.push_back(a);
      }
    } catch (const std::runtime_error& e) {
      return inv.fail(std::string(e.what()) + "curl: try 'curl --help' or 'curl --manual' for more information\n", 2);
    }
  }
  if (urls.empty())
    return inv.fail("curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information\n", 2);
  auto fail = [&](int code, const std::string& msg) {
    if (!silent || show_error) inv.err("curl: (" + std::to_string(code) + ") " + msg + "\n");
    return code;
  };
  auto url = parse_url(urls[0]);
  if (!url) return fail(3, "<url> malformed");
  if (method.empty()) method = head ? "HEAD" : (data.empty() ? "GET" : "POST");

  std::optional<std::string> ip;
  for (const auto& r : resolves) {  // host:port:address
    const auto a = r.find(':'), b = r.rfind(':');
    if (a != std::string::npos && b != a && r.substr(0, a) == url->host && r.substr(a + 1, b - a - 1) == std::to_string(url->port))
      ip = r.substr(b + 1);
  }
  if (!ip) ip = resolve_host(inv, url->host);
  if (!ip) return fail(6, "Could not resolve host: " + url->host + "; Unknown error");

  auto& sb = inv.sh.sandbox;
  if (verbose) inv.err("* About to connect() to " + url->host + " port " + std::to_string(url->port) + " (#0)\n*   Trying " + *ip + "...\n");
  network::Connection c = sb.network().connect(client_of(inv), *ip, url->port);
  const std::string target = *ip + ":" + std::to_string(url->port);
  if (c.result == network::Connection::Result::Refused) return fail(7, "Failed connect to " + target + "; Connection refused");
  if (c.result == network::Connection::Result::Timeout) {
    if (max_time) {
      sb.advance(sim::millis(static_cast<std::int64_t>(*max_time * 1000)));
      return fail(28, "Connection timed out after " + std::to_string(static_cast<std::int64_t>(*max_time * 1000) + 1) +
                          " milliseconds");
    }
    sb.advance(sim::seconds(127));  // the kernel's SYN retries
    return fail(7, "Failed connect to " + target + "; Connection timed out");
  }
  if (verbose) inv.err("* Connected to " + url->host + " (" + *ip + ") port " + std::to_string(url->port) + " (#0)\n");

  network::HttpResponse resp;
  if (!c.machine.empty() || !answering_container(sb, c)) {
    resp.empty_reply = true;  // sshd, the kubelet and the API server do not speak plain HTTP here
  } else {
    if (url->scheme == "https")
      return fail(35, "SSL received a record that exceeded the maximum permissible length.");
    network::HttpRequest req;
    req.method = method;
    req.path = url->path;
    req.host = url->host + (url->port == 80 ? "" : ":" + std::to_string(url->port));
    for (const auto& [k2, v] : headers) {
      if (k2 == "Host") req.host = v;
      else req.headers.emplace_back(k2, v);
    }
    req.body = data;
    resp = http_exchange(sb, c, req);
  }
  if (resp.empty_reply) return fail(52, "Empty reply from server");

  std::string head_text = "HTTP/1.1 " + std::to_string(resp.status) + (resp.reason.empty() ? "" : " " + resp.reason) + "\r\n";
  for (const auto& [k2, v] : resp.headers) head_text += k2 + ": " + v + "\r\n";
  head_text += "\r\n";
  if (verbose) {
    std::string host_hdr = url->host + (url->port == 80 ? "" : ":" + std::to_string(url->port));
    for (const auto& [k2, v] : headers)
      if (k2 == "Host") host_hdr = v;
    inv.err("> " + method + " " + url->path + " HTTP/1.1\n> User-Agent: curl/7.29.0\n> Host: " + host_hdr + "\n> Accept: */*\n");
    for (const auto& [k2, v] : headers)
      if (k2 != "Host") inv.err("> " + k2 + ": " + v + "\n");
    inv.err("> \n");
    std::string lines = "< HTTP/1.1 " + std::to_string(resp.status) + (resp.reason.empty() ? "" : " " + resp.reason) + "\n";
    for (const auto& [k2, v] : resp.headers) lines += "< " + k2 + ": " + v + "\n";
    inv.err(lines + "< \n");
  }
  std::string out = (head || include) ? head_text : "";
  if (!head) out += resp.body;
  if (!output.empty() && output != "-") {
    const std::string err = inv.fs().write(output, out, false);
    if (!err.empty()) return fail(23, "Failed writing body (0 != " + std::to_string(out.size()) + ")");
    if (!silent)
      inv.err("  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n"
              "                                 Dload  Upload   Total   Spent    Left  Speed\n"
              "100   " + std::to_string(out.size()) + "  100   " + std::to_string(out.size()) +
              "    0     0   1000k      0 --:--:-- --:--:-- --:--:-- 1000k\n");
  } else {
    inv.out(out);
  }
  if (verbose) inv.err("* Connection #0 to host " + url->host + " left intact\n");
  return 0;
}

// ---- nslookup (bind-utils) --------------------------------------------------------------

// busybox's nslookup in a container: through the nameserver of its resolv.conf with
// its search path. Up to 1.28 it printed "Address 1: IP NAME" with reverse names;
// later versions print the answer as bind's does.
int busybox_nslookup(Invocation& inv, const std::vector<std::string>& args) {
  auto& sb = inv.sh.sandbox;
  const Host& h = *inv.sh.session().host;
  const std::string version = h.container->userland.busybox_version;
  int major = 1, minor = 37;
  std::sscanf(version.c_str(), "%d.%d", &major, &minor);
  const bool old_format = major == 1 && minor <= 28;
  const ResolvConf rc = resolv_conf(inv);
  const std::string server = args.size() > 1 ? args[1] : rc.nameserver;
  const std::string name = args[0];
  const bool cluster_dns = server == network::kDnsServiceIP;
  network::DnsAnswer a;
  if (cluster_dns) {
    a = network::resolve(sb.api(), name, rc.search);
  }
  if (old_format) {
    const std::string server_name = network::reverse(sb.api(), server);
    inv.out("Server:    " + server + "\nAddress 1: " + server + (server_name.empty() ? "" : " " + server_name) + "\n\n");
    if (!a.found || (a.addresses.empty() && a.cname.empty())) return inv.fail("nslookup: can't resolve '" + name + "'\n");
    inv.out("Name:      " + name + "\n");
    int n = 1;
    for (const auto& ip : a.addresses) {
      const std::string rev = network::reverse(sb.api(), ip);
      inv.out("Address " + std::to_string(n++) + ": " + ip + (rev.empty() ? "" : " " + rev) + "\n");
    }
    return 0;
  }
  inv.out("Server:\t\t" + server + "\nAddress:\t" + server + ":53\n\n");
  if (!a.found) {
    inv.out("** server can't find " + name + ": NXDOMAIN\n\n");
    return 1;
  }
  if (!a.cname.empty()) {
    inv.out(a.name + "\tcanonical name = " + a.cname + "\n\n");
    return 0;
  }
  for (const auto& ip : a.addresses) inv.out("Name:\t" + a.name + "\nAddress: " + ip + "\n");
  inv.out("\n");
  return 0;
}

int nslookup(Invocation& inv) {
  std::vector<std::string> args;
  for (std::size_t i = 1; i < inv.argv.size(); ++i)
    if (inv.argv[i][0] != '-') args.push_back(inv.argv[i]);
  if (inv.sh.session().host->container) {
    if (args.empty()) return inv.fail("BusyBox v" + inv.sh.session().host->container->userland.busybox_version +
                                      " multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n");
    return busybox_nslookup(inv, args);
  }
  if (args.empty()) return inv.fail("nslookup: interactive mode is not simulated; give a name: nslookup NAME [SERVER]\n");
  const std::string name = args[0];
  // The machines' resolver (/etc/resolv.conf) is the VPC's; the cluster's DNS answers
  // only when asked directly (its Service address).
  const std::string server = args.size() > 1 ? args[1] : "172.31.0.2";
  auto& sb = inv.sh.sandbox;
  const bool cluster_dns = server == network::kDnsServiceIP || server == "kube-dns.kube-system.svc.cluster.local";
  if (args.size() > 1 && !cluster_dns) {
    auto c = sb.network().connect(client_of(inv), server, 53, "TCP");
    if (c.result != network::Connection::Result::Connected) {
      sb.advance(sim::seconds(15));
      inv.out(";; connection timed out; no servers could be reached\n\n");
      return 1;
    }
  }
  inv.out("Server:\t\t" + server + "\nAddress:\t" + server + "#53\n\n");
  if (is_ipv4(name)) {
    inv.out("** server can't find " + name + ": NXDOMAIN\n\n");
    return 1;
  }
  network::DnsAnswer a;
  if (cluster_dns) a = network::resolve(sb.api(), name, {});
  if (!cluster_dns) {
    if (auto ip = host_lookup(inv, name); ip && name != "localhost") {
      a.found = true;
      a.name = name;
      a.addresses = {*ip};
    }
  }
  if (!a.found) {
    inv.out("** server can't find " + name + ": NXDOMAIN\n\n");
    return 1;
  }
  if (!a.cname.empty()) {
    inv.out(a.name + "\tcanonical name = " + a.cname + ".\n\n");
    return 0;
  }
  inv.out("Name:\t" + a.name + "\n");
  for (const auto& ip : a.addresses) inv.out("Address: " + ip + "\n");
  inv.out("\n");
  return 0;
}

// ---- wget (busybox) ------------------------------------------------------------------------

// busybox's wget, in containers; the machines (CentOS 7 minimal) have none.
int wget(Invocation& inv) {
  if (!inv.sh.session().host->container) return inv.fail(inv.sh.not_found("wget"), 127);
  bool quiet = false, spider = false;
  std::string output, url_text;
  std::optional<std::int64_t> timeout;
  for (std::size_t i = 1; i < inv.argv.size(); ++i) {
    const std::string& a = inv.argv[i];
    if (a == "--spider") spider = true;
    else if (a == "-O" && i + 1 < inv.argv.size()) output = inv.argv[++i];
    else if (a == "-T" && i + 1 < inv.argv.size()) timeout = std::atoll(inv.argv[++i].c_str());
    else if (a.size() > 1 && a[0] == '-' && a[1] != '-') {
      for (std::size_t j = 1; j < a.size(); ++j) {
        if (a[j] == 'q') quiet = true;
        else if (a[j] == 'O') {
          output = j + 1 < a.size() ? a.substr(j + 1) : (i + 1 < inv.argv.size() ? inv.argv[++i] : "");
          break;
        }
      }
    } else url_text = a;
  }
  const std::string version = inv.sh.session().host->container->userland.busybox_version;
  if (url_text.empty())
    return inv.fail("BusyBox v" + version + " multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] "
                    "[--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n");
  auto url = parse_url(url_text);
  if (!url || url->scheme != "http") return inv.fail("wget: not an http or ftp url: " + url_text + "\n");
  auto ip = resolve_host(inv, url->host);
  if (!ip) return inv.fail("wget: bad address '" + url->host + "'\n");
  auto& sb = inv.sh.sandbox;
  if (!quiet) inv.err("Connecting to " + url->host + (url->port == 80 ? "" : ":" + std::to_string(url->port)) + " (" +
                      *ip + ":" + std::to_string(url->port) + ")\n");
  network::Connection c = sb.network().connect(client_of(inv), *ip, url->port);
  if (c.result == network::Connection::Result::Refused)
    return inv.fail("wget: can't connect to remote host (" + *ip + "): Connection refused\n");
  if (c.result == network::Connection::Result::Timeout) {
    sb.advance(sim::seconds(timeout.value_or(900)));
    return inv.fail("wget: download timed out\n");
  }
  network::HttpRequest req;
  req.method = spider ? "HEAD" : "GET";
  req.path = url->path;
  req.host = url->host + (url->port == 80 ? "" : ":" + std::to_string(url->port));
  req.headers = {{"User-Agent", "Wget"}};
  network::HttpResponse resp = c.machine.empty() ? http_exchange(sb, c, req) : network::HttpResponse{};
  if (!c.machine.empty() || resp.empty_reply) return inv.fail("wget: error getting response: Connection reset by peer\n");
  if (resp.status >= 400)
    return inv.fail("wget: server returned error: HTTP/1.1 " + std::to_string(resp.status) + " " + resp.reason + "\n");
  if (spider) {
    if (!quiet) inv.err("remote file exists\n");
    return 0;
  }
  const bool named = !output.empty();
  if (!named) {
    output = url->path.substr(url->path.rfind('/') + 1);
    if (output.empty()) output = "index.html";
  }
  const std::string size = std::to_string(resp.body.size());
  auto bar = [&](const std::string& name) {
    std::string label = name.substr(0, 20);
    label.resize(20, ' ');
    std::string n = size;
    if (n.size() < 6) n = std::string(6 - n.size(), ' ') + n;
    return label + " 100% |********************************| " + n + "  0:00:00 ETA\n";
  };
  if (output == "-") {
    inv.out(resp.body);
    if (!quiet) inv.err("writing to stdout\n" + bar("-") + "written to stdout\n");
    return 0;
  }
  if (!named && inv.fs().exists(output)) return inv.fail("wget: can't open '" + output + "': File exists\n");
  const std::string err = inv.fs().write(output, resp.body, false);
  if (!err.empty()) return inv.fail("wget: can't open '" + output + "': " + err + "\n");
  if (!quiet) inv.err("saving to '" + output + "'\n" + bar(output) + "'" + output + "' saved\n");
  return 0;
}

// ---- ping (iputils) ---------------------------------------------------------------------

int ping(Invocation& inv) {
  int count = -1;
  std::string target;
  for (std::size_t i = 1; i < inv.argv.size(); ++i) {
    const std::string& a = inv.argv[i];
    if (a == "-c" && i + 1 < inv.argv.size()) count = std::atoi(inv.argv[++i].c_str());
    else if (a.rfind("-c", 0) == 0 && a.size() > 2) count = std::atoi(a.c_str() + 2);
    else if (a[0] != '-') target = a;
  }
  if (target.empty())
    return inv.fail("Usage: ping [-aAbBdDfhLnOqrRUvV] [-c count] [-i interval] [-I interface]\n"
                    "            [-m mark] [-M pmtudisc_option] [-l preload] [-p pattern] [-Q tos]\n"
                    "            [-s packetsize] [-S sndbuf] [-t ttl] [-T timestamp_option]\n"
                    "            [-w deadline] [-W timeout] [hop1 ...] destination\n", 2);
  auto ip = resolve_host(inv, target);
  if (!ip) return inv.fail("ping: " + target + ": Name or service not known\n", 2);
  const bool bounded = count > 0;
  if (!bounded) count = 4;
  auto& sb = inv.sh.sandbox;
  // ICMP reaches pods and machines; Service addresses are iptables rules, not hosts.
  bool answers = false;
  const network::Client from = client_of(inv);
  if (*ip == "127.0.0.1" || *ip == from.ip) answers = true;
  bool machine = false;
  for (const auto& m : sb.cluster().machines())
    if (m.internal_ip == *ip) {
      const node::Kubelet* k = sb.cluster().kubelet(m.name);
      answers = !k || k->powered();
      machine = true;
    }
  if (!answers && !machine && from.in_cluster)
    for (const auto& p : sb.api().list(sb.api().resource("", "pods"), "").items)
      if (api::str_field(*p, {"status", "podIP"}) == *ip && api::str_field(*p, {"status", "phase"}) == "Running")
        answers = true;
  inv.out("PING " + target + " (" + *ip + ") 56(84) bytes of data.\n");
  int received = 0;
  for (int i = 1; i <= count; ++i) {
    sb.advance(sim::seconds(1));
    if (!answers) continue;
    ++received;
    char buf[96];
    std::snprintf(buf, sizeof buf, "64 bytes from %s: icmp_seq=%d ttl=%d time=0.%03d ms\n", ip->c_str(), i,
                  *ip == from.ip || *ip == "127.0.0.1" ? 64 : 63, 300 + (i * 37) % 400);
    inv.out(buf);
  }
  inv.out("\n--- " + target + " ping statistics ---\n" + std::to_string(count) + " packets transmitted, " +
          std::to_string(received) + " received, " + (received ? "0" : "100") + "% packet loss, time " +
          std::to_string((count - 1) * 1000 + 3) + "ms\n");
  if (received) inv.out("rtt min/avg/max/mdev = 0.337/0.482/0.671/0.118 ms\n");
  if (!bounded) inv.out("(sandbox: ping stops after 4 packets here; use -c N for another count)\n");
  return received ? 0 : 1;
}

// ---- ifconfig / ip a ----------------------------------------------------------------------

struct Iface {
  std::string name, ip, mask, prefix, mac, flags;
  int mtu;
};

std::vector<Iface> interfaces(Invocation& inv) {
  const Host& h = *inv.sh.session().host;
  std::vector<Iface> out;
  char mac[24];
  const unsigned tail = util::fnv32a(h.name);
  std::snprintf(mac, sizeof mac, "00:16:3e:%02x:%02x:%02x", tail & 255, (tail >> 8) & 255, (tail >> 16) & 255);
  out.push_back({"eth0", h.ip, "255.255.255.0", "24", mac, "4163<UP,BROADCAST,RUNNING,MULTICAST>", 1500});
  out.push_back({"lo", "127.0.0.1", "255.0.0.0", "8", "", "73<UP,LOOPBACK,RUNNING>", 65536});
  // Calico's IP-in-IP tunnel holds the first address of the node's pod range.
  if (auto node = inv.sh.sandbox.api().try_get(inv.sh.sandbox.api().resource("", "nodes"), "", h.name)) {
    std::string cidr = api::str_field(*node, {"spec", "podCIDR"});
    if (auto slash = cidr.find('/'); slash != std::string::npos) {
      std::string base = cidr.substr(0, slash);
      base = base.substr(0, base.rfind('.')) + ".1";
      out.push_back({"tunl0", base, "255.255.255.255", "32", "", "193<UP,RUNNING,NOARP>", 1480});
    }
  }
  return out;
}

int ifconfig(Invocation& inv) {
  const std::string only = inv.argv.size() > 1 ? inv.argv[1] : "";
  bool any = false;
  for (const auto& i : interfaces(inv)) {
    if (!only.empty() && i.name != only) continue;
    any = true;
    std::string s = i.name + ": flags=" + i.flags + "  mtu " + std::to_string(i.mtu) + "\n";
    s += "        inet " + i.ip + "  netmask " + i.mask;
    if (i.name == "eth0") s += "  broadcast " + i.ip.substr(0, i.ip.rfind('.')) + ".255";
    s += "\n";
    if (i.name == "lo") s += "        loop  txqueuelen 1000  (Local Loopback)\n";
    else if (i.name == "tunl0") s += "        tunnel   txqueuelen 1000  (IPIP Tunnel)\n";
    else s += "        ether " + i.mac + "  txqueuelen 1000  (Ethernet)\n";
    s += "        RX packets 0  bytes 0 (0.0 B)\n        RX errors 0  dropped 0  overruns 0  frame 0\n"
         "        TX packets 0  bytes 0 (0.0 B)\n        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n\n";
    inv.out(s);
  }
  if (!any) return inv.fail(only + ": error fetching interface information: Device not found\n");
  return 0;
}

int ip_cmd(Invocation& inv) {
  const std::string sub = inv.argv.size() > 1 ? inv.argv[1] : "";
  if (sub != "a" && sub != "addr" && sub != "address")
    return inv.fail("ip: this sandbox host shows addresses only (ip a, ip addr)\n");
  int n = 1;
  for (const auto& i : interfaces(inv)) {
    std::string s = std::to_string(n++) + ": " + i.name + ": <" + i.flags.substr(i.flags.find('<') + 1);
    s.pop_back();
    s += "> mtu " + std::to_string(i.mtu) + " qdisc noqueue state " + (i.name == "lo" ? "UNKNOWN" : "UP") +
         " group default qlen 1000\n";
    if (i.name == "lo") s += "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n";
    else if (i.name == "tunl0") s += "    link/ipip 0.0.0.0 brd 0.0.0.0\n";
    else s += "    link/ether " + i.mac + " brd ff:ff:ff:ff:ff:ff\n";
    s += "    inet " + i.ip + "/" + i.prefix + " scope " + (i.name == "lo" ? "host" : "global") + " " + i.name + "\n";
    s += "       valid_lft forever preferred_lft forever\n";
    inv.out(s);
  }
  return 0;
}

}  // namespace

void register_network(CommandTable& t) {
  t["curl"] = {curl, "/usr/bin/curl"};
  t["nslookup"] = {nslookup, "/usr/bin/nslookup"};
  t["ping"] = {ping, "/usr/bin/ping"};
  t["wget"] = {wget, "/usr/bin/wget"};
  t["ifconfig"] = {ifconfig, "/usr/sbin/ifconfig"};
  t["ip"] = {ip_cmd, "/usr/sbin/ip"};
}

}  // namespace kt::term
