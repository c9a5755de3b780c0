// Build-time tool: draws the application icon's SVG into the PNG sizes that desktops without SVG
// icons look up (share/icons/hicolor/<n>x<n>/apps/), with Qt's own SVG renderer, so the PNGs
// never drift from the SVG.
//   miwb-render-icon ICON.svg SIZE OUT.png
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>
#include <cstdio>

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: miwb-render-icon ICON.svg SIZE OUT.png\n");
    return 2;
  }
  qputenv("QT_QPA_PLATFORM", "offscreen");
  QGuiApplication app(argc, argv);
  QSvgRenderer svg(QString::fromLocal8Bit(argv[1]));
  bool ok = false;
  const int size = QByteArray(argv[2]).toInt(&ok);
  if (!svg.isValid() || !ok || size < 1) {
    std::fprintf(stderr, "error: cannot draw '%s' at size '%s'\n", argv[1], argv[2]);
    return 2;
  }
  QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
  image.fill(Qt::transparent);
  QPainter painter(&image);
  painter.setRenderHint(QPainter::Antialiasing);
  svg.render(&painter);
  painter.end();
  if (!image.save(QString::fromLocal8Bit(argv[3]), "PNG")) {
    std::fprintf(stderr, "error: cannot write '%s'\n", argv[3]);
    return 1;
  }
  return 0;
}
