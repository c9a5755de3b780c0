// The translation unit that builds the shared precompiled headers (cmake/MiwbPrecompiledHeaders.cmake).
