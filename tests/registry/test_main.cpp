// One executable runs the registry and the parameter-schema tests.
#include <QCoreApplication>
#include <QTest>

int runRegistryTests(int argc, char** argv);
int runParamTests(int argc, char** argv);

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  int failures = runRegistryTests(argc, argv);
  failures += runParamTests(argc, argv);
  return failures;
}
