#include "cli/app.h"

int main(int argc, char** argv) {
  return hallmark::cli::run(argc, argv);
}
