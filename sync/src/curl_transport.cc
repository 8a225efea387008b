#include "qiaomen/sync/curl_transport.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <vector>

#include "qiaomen/base/gzip.h"

namespace qiaomen::sync {
namespace {

constexpr size_t kMaxResponseBytes = 256u << 20;

void GlobalInitOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

struct Exchange {
  HttpResponse response;
  const CancelFlag* cancel = nullptr;
  bool too_large = false;
};

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* ex = static_cast<Exchange*>(user);
  size_t n = size * count;
  if (ex->response.body.size() + n > kMaxResponseBytes) {
    ex->too_large = true;
    return 0;  // makes libcurl fail the transfer
  }
  ex->response.body.append(data, n);
  return n;
}

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  auto* ex = static_cast<Exchange*>(user);
  size_t n = size * count;
  std::string_view line(data, n);
  // A new status line (after 100 Continue, say) starts a new header block.
  if (line.starts_with("HTTP/")) {
    ex->response.headers.clear();
    return n;
  }
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) return n;
  ex->response.headers.emplace_back(Lower(Trim(line.substr(0, colon))),
                                    Trim(line.substr(colon + 1)));
  return n;
}

int OnProgress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  auto* ex = static_cast<Exchange*>(user);
  return ex->cancel != nullptr && ex->cancel->cancelled() ? 1 : 0;
}

core::Status MapCurlError(CURLcode code, const char* detail, const std::string& url) {
  std::string what = std::string(detail[0] != '\0' ? detail : curl_easy_strerror(code));
  switch (code) {
    case CURLE_ABORTED_BY_CALLBACK:
      return core::Cancelled("The transfer to " + url + " was cancelled.");
    case CURLE_OPERATION_TIMEDOUT:
      return core::DeadlineExceeded("The link to " + url + " is too slow or stalled (" + what +
                                    "); sync will try again.");
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
      return core::InvalidArgument("The server address " + url + " is not usable (" + what +
                                   "); check the server address in the settings.");
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_CRL_BADFILE:
      return core::FailedPrecondition(
          "The server at " + url + " could not be verified as the county server (" + what +
          "); do not sync on this network and ask the county IT staff.");
    default:
      return core::Unavailable("The server at " + url + " could not be reached (" + what +
                               "); sync will try again when the link is back.");
  }
}

}  // namespace

struct CurlTransport::Pool {
  std::mutex mu;
  std::vector<CURL*> idle;

  CURL* Take() {
    {
      std::lock_guard lock(mu);
      if (!idle.empty()) {
        CURL* h = idle.back();
        idle.pop_back();
        return h;
      }
    }
    return curl_easy_init();
  }
  void Give(CURL* h) {
    std::lock_guard lock(mu);
    idle.push_back(h);
  }
  ~Pool() {
    for (CURL* h : idle) curl_easy_cleanup(h);
  }
};

CurlTransport::CurlTransport(CurlTransportOptions options)
    : options_(std::move(options)), pool_(std::make_unique<Pool>()) {
  GlobalInitOnce();
}

CurlTransport::~CurlTransport() = default;

core::Result<HttpResponse> CurlTransport::Send(const HttpRequest& request) {
  const std::string_view url = request.url;
  if (url.starts_with("http://")) {
    if (!options_.allow_insecure_http && !IsLoopbackHost(UrlHost(url))) {
      return core::InvalidArgument("The server address " + request.url +
                                   " is not encrypted (http://); use an https:// address.");
    }
  } else if (!url.starts_with("https://")) {
    return core::InvalidArgument("The server address " + request.url +
                                 " must start with https://; check the settings.");
  }

  CURL* h = pool_->Take();
  if (h == nullptr) return core::Internal("libcurl could not make a handle (out of memory?).");
  curl_easy_reset(h);  // keeps the handle's live connections

  Exchange ex;
  ex.cancel = request.cancel;
  char error[CURL_ERROR_SIZE] = {0};
  std::string body = request.gzip_body ? base::GzipCompress(request.body) : std::string();
  const std::string& payload = request.gzip_body ? body : request.body;

  curl_slist* headers = nullptr;
  for (const auto& [name, value] : request.headers) {
    headers = curl_slist_append(headers, (name + ": " + value).c_str());
  }
  if (request.gzip_body) headers = curl_slist_append(headers, "Content-Encoding: gzip");
  headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip

  curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
  curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");  // every encoding libcurl can inflate
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!options_.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, options_.ca_file.c_str());
  if (!options_.pinned_public_key.empty()) {
    curl_easy_setopt(h, CURLOPT_PINNEDPUBLICKEY, options_.pinned_public_key.c_str());
  }
  const int64_t connect_ms =
      request.connect_timeout_ms > 0 ? request.connect_timeout_ms : options_.connect_timeout_ms;
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(connect_ms));
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, static_cast<long>(options_.low_speed_bytes_per_s));
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, static_cast<long>(options_.low_speed_time_s));
  if (request.total_timeout_ms > 0) {
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(request.total_timeout_ms));
  }
  curl_easy_setopt(h, CURLOPT_USERAGENT, options_.user_agent.c_str());
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &ex);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &ex);
  curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, OnProgress);
  curl_easy_setopt(h, CURLOPT_XFERINFODATA, &ex);

  if (request.method == "HEAD") {
    curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
  } else if (request.method != "GET" || !payload.empty()) {
    if (request.method != "POST") {
      curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    }
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, payload.data());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(payload.size()));
  }

  CURLcode rc = curl_easy_perform(h);
  curl_slist_free_all(headers);

  core::Status failure;
  if (rc == CURLE_OK) {
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    ex.response.status = static_cast<int>(status);
    curl_off_t up = 0, down = 0, elapsed_us = 0;
    long header_bytes = 0, request_bytes = 0;
    curl_easy_getinfo(h, CURLINFO_SIZE_UPLOAD_T, &up);
    curl_easy_getinfo(h, CURLINFO_SIZE_DOWNLOAD_T, &down);
    curl_easy_getinfo(h, CURLINFO_HEADER_SIZE, &header_bytes);
    curl_easy_getinfo(h, CURLINFO_REQUEST_SIZE, &request_bytes);
    curl_easy_getinfo(h, CURLINFO_TOTAL_TIME_T, &elapsed_us);
    // libcurl sends a small body in one buffer with the headers and then counts it in
    // REQUEST_SIZE as well as in SIZE_UPLOAD; a large one goes after them and only SIZE_UPLOAD
    // has it. Count it once (a body smaller than its headers may be under-counted by its size).
    ex.response.bytes_sent = request_bytes > up ? static_cast<int64_t>(request_bytes)
                                                : static_cast<int64_t>(up) + request_bytes;
    ex.response.bytes_received = static_cast<int64_t>(down) + header_bytes;
    ex.response.elapsed_ms = static_cast<int64_t>(elapsed_us / 1000);
  } else if (ex.too_large) {
    failure = core::ResourceExhausted("The server at " + request.url +
                                      " sent a response larger than 256 MB; it was refused.");
  } else {
    failure = MapCurlError(rc, error, request.url);
  }
  pool_->Give(h);
  if (!failure.ok()) return failure;
  return std::move(ex.response);
}

}  // namespace qiaomen::sync
