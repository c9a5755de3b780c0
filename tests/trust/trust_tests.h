#pragma once
// The trust tests (intervals, calibration, extrapolation): one executable, one Qt Test class per
// concern, all run by test_main.cpp.
#include <QObject>

#include "miwb/host/plugins/plugin_registry.h"

namespace trust_tests {

// Plugins from the build's folder, scanned once.
const miwb::PluginRegistry& registry();

// Gaussian pairs from the gaussian dataset plugin.
void gaussianPairs(miwb::Index n, miwb::Index dim, double rho, std::uint64_t seed, miwb::Variable& x, miwb::Variable& y);
double rhoFor(double nats, miwb::Index dim);

class TestTrustNumerics : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void randomSubsetIsDistinctAndUniform();
  void quantilesAndNormalQuantile();
  void halfSampleIntervalOfAMean();
  void powerLawRecoversExactCurve();
  void powerLawWithNoiseAndInterval();
  void extrapolationOnNoisySyntheticCurves();
  void extrapolationNotes();
  void isotonicPools();
  void readBackTwoSidedAndBound();
};

class TestIntervals : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void spreadMatchesIndependentSamples_data();
  void spreadMatchesIndependentSamples();
  void binningPlaneSpreadMatches();
  void deterministicAndContainsEstimate();
  void experimentRowsCarryIntervals();
  void badOptions();
  void cliEstimateWithResamples();
};

class TestCalibration : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase();
  void farOffKsgContainsTruth();
  void easyOneDimensionalIsNarrow();
  void saturatedIsABound();
  void cacheMakesRepeatInstant();
  void familyErrors();
  void cliCalibrateAndErrors();

 private:
  QString cacheFolder_;
};

class TestExtrapolation : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void scalingRunWritesExtrapolationCsv();
};

}  // namespace trust_tests
