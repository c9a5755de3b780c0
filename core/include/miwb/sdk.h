#pragma once
// SDK version. A plugin's interface id carries the major version, so a binary built against an
// older major version is rejected at load time with a clear reason instead of misbehaving.
#define MIWB_SDK_VERSION_MAJOR 1
#define MIWB_SDK_VERSION_MINOR 0
#define MIWB_ESTIMATOR_FACTORY_IID "org.miwb.EstimatorFactory/1"
#define MIWB_DATASET_FACTORY_IID "org.miwb.DatasetFactory/1"
