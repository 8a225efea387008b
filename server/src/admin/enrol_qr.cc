#include "admin/enrol_qr.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/sha.h>
#include <openssl/x509.h>
#include <png.h>
#include <qrencode.h>

#include <cerrno>
#include <cstdio>
#include <memory>

#include "qiaomen/base/base64.h"

namespace qiaomen::server {
namespace {

constexpr int kTerminalQuietZone = 2;
constexpr int kPngQuietZone = 4;

void AppendPngBytes(png_structp png, png_bytep data, png_size_t length) {
  auto* out = static_cast<std::string*>(png_get_io_ptr(png));
  out->append(reinterpret_cast<const char*>(data), length);
}

void FlushNothing(png_structp /*png*/) {}

}  // namespace

core::Result<QrMatrix> EncodeQr(std::string_view text) {
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeData(static_cast<int>(text.size()),
                        reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M),
      &QRcode_free);
  if (code == nullptr) {
    return core::InvalidArgument("The text (" + std::to_string(text.size()) +
                                 " bytes) does not fit in a QR code.");
  }
  QrMatrix qr;
  qr.width = code->width;
  qr.dark.resize(static_cast<size_t>(qr.width) * qr.width);
  for (size_t i = 0; i < qr.dark.size(); ++i) qr.dark[i] = (code->data[i] & 1) != 0;
  return qr;
}

std::string QrTerminalText(const QrMatrix& qr) {
  // Light is drawn; a module outside the code is light (the quiet zone).
  const auto light = [&](int x, int y) {
    if (x < 0 || y < 0 || x >= qr.width || y >= qr.width) return true;
    return !qr.At(x, y);
  };
  const int from = -kTerminalQuietZone;
  const int to = qr.width + kTerminalQuietZone;
  std::string out;
  for (int y = from; y < to; y += 2) {
    for (int x = from; x < to; ++x) {
      const bool top = light(x, y);
      const bool bottom = y + 1 < to && light(x, y + 1);
      if (top && bottom) {
        out += "\u2588";  // █
      } else if (top) {
        out += "\u2580";  // ▀
      } else if (bottom) {
        out += "\u2584";  // ▄
      } else {
        out += ' ';
      }
    }
    out += '\n';
  }
  return out;
}

core::Result<std::string> QrPng(const QrMatrix& qr, int scale) {
  const int side = (qr.width + 2 * kPngQuietZone) * scale;
  std::string out;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  if (png == nullptr) return core::Internal("libpng could not start a PNG.");
  png_infop info = png_create_info_struct(png);
  if (info == nullptr) {
    png_destroy_write_struct(&png, nullptr);
    return core::Internal("libpng could not start a PNG.");
  }
  std::vector<png_byte> row(static_cast<size_t>(side));
  // libpng reports errors by longjmp: nothing with a destructor is created below this point.
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    return core::Internal("libpng failed while writing the QR code's PNG.");
  }
  png_set_write_fn(png, &out, &AppendPngBytes, &FlushNothing);
  png_set_IHDR(png, info, static_cast<png_uint_32>(side), static_cast<png_uint_32>(side), 8,
               PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  for (int py = 0; py < side; ++py) {
    const int y = py / scale - kPngQuietZone;
    for (int px = 0; px < side; ++px) {
      const int x = px / scale - kPngQuietZone;
      const bool dark = x >= 0 && y >= 0 && x < qr.width && y < qr.width && qr.At(x, y);
      row[static_cast<size_t>(px)] = dark ? 0 : 255;
    }
    png_write_row(png, row.data());
  }
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return out;
}

std::string QrSvg(const QrMatrix& qr, int pixels, std::string_view label) {
  const std::string side = std::to_string(qr.width + 2 * kPngQuietZone);
  std::string escaped;
  for (char c : label) {
    switch (c) {
      case '<':
        escaped += "&lt;";
        break;
      case '>':
        escaped += "&gt;";
        break;
      case '&':
        escaped += "&amp;";
        break;
      case '"':
        escaped += "&quot;";
        break;
      default:
        escaped += c;
    }
  }
  std::string out =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"" + std::to_string(pixels) +
      "\" height=\"" + std::to_string(pixels) + "\" viewBox=\"0 0 " + side + " " + side +
      "\" shape-rendering=\"crispEdges\"><title>" + escaped + "</title><rect width=\"" + side +
      "\" height=\"" + side + "\" fill=\"#fff\"/><path fill=\"#000\" d=\"";
  // One unit square per dark module, runs of a row drawn as one rectangle.
  for (int y = 0; y < qr.width; ++y) {
    for (int x = 0; x < qr.width;) {
      if (!qr.At(x, y)) {
        ++x;
        continue;
      }
      int run = 1;
      while (x + run < qr.width && qr.At(x + run, y)) ++run;
      out += "M" + std::to_string(x + kPngQuietZone) + " " + std::to_string(y + kPngQuietZone) +
             "h" + std::to_string(run) + "v1h-" + std::to_string(run) + "z";
      x += run;
    }
  }
  out += "\"/></svg>";
  return out;
}

core::Result<std::string> PublicKeyPinOfCertificate(const std::string& cert_path) {
  std::unique_ptr<FILE, decltype(&fclose)> file(fopen(cert_path.c_str(), "rb"), &fclose);
  if (file == nullptr) {
    if (errno == ENOENT) return core::NotFound("There is no certificate file " + cert_path + ".");
    return core::IOError("Cannot read the certificate file " + cert_path + ".");
  }
  std::unique_ptr<X509, decltype(&X509_free)> cert(
      PEM_read_X509(file.get(), nullptr, nullptr, nullptr), &X509_free);
  if (cert == nullptr) {
    return core::InvalidArgument(cert_path +
                                 " holds no PEM certificate (give the file serve's --tls-cert "
                                 "takes, or the pin itself with --pin-sha256).");
  }
  unsigned char* der = nullptr;
  const int der_size = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(cert.get()), &der);
  if (der_size <= 0) return core::InvalidArgument(cert_path + ": cannot read its public key.");
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(der, static_cast<size_t>(der_size), digest);
  OPENSSL_free(der);
  return "sha256//" +
         base::Base64Encode(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

}  // namespace qiaomen::server
