#include "../../../zint/backend/reedsol_logs.h"
