// The translation unit that builds the shared precompiled header (an executable's, for the -fPIE
// flavour, hence the main).
int main() { return 0; }
