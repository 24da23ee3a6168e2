// Reads the city's areas (fixtures/areas.yaml by default) through the one data-file loader; a bad file
// throws DataFileError with every problem listed (AREAS_* codes), like the taxonomy.
import { parseCityAreas, type CityAreas } from '../../domain/areas/city-areas.js';
import { loadDataFile } from '../files/data-file.js';

export function loadCityAreas(file = 'fixtures/areas.yaml'): CityAreas {
  return loadDataFile(file, parseCityAreas);
}
