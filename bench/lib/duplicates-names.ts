/**
 * Name, place and contact data of the duplicates generator (bench/lib/
 * duplicates-generator.ts): given names, surnames, cities, e-mail domains and
 * mobile number shapes of five countries, accents as people write them.
 */

export type CountryData = {
  code: "gb" | "fr" | "de" | "es" | "it"
  calling: string
  /** Digits before a national number written the national way ("0" in 07700 …), "" when none. */
  trunk: string
  /** A mobile number's national significant digits: the fixed start, then how many random digits. */
  mobile: [string[], number]
  male: string[]
  female: string[]
  surnames: string[]
  cities: string[]
  domains: string[]
  streets: string[]
}

export const COUNTRIES: CountryData[] = [
  {
    code: "gb",
    calling: "44",
    trunk: "0",
    mobile: [["74", "75", "77", "78", "79"], 8],
    male: ["James", "Oliver", "Harry", "George", "Jack", "William", "Thomas", "Charlie", "Robert", "Michael", "David", "Daniel", "Matthew", "Joseph", "Samuel", "Benjamin", "Edward", "Henry", "Richard", "Christopher", "Andrew", "Peter", "Anthony", "Stephen", "Patrick", "Timothy", "Nicholas", "Alexander", "Philip", "Kenneth", "Liam", "Noah", "Callum", "Rhys", "Owen", "Aidan", "Declan", "Graham", "Neil", "Stuart", "Ian", "Gareth", "Ross", "Euan"],
    female: ["Olivia", "Amelia", "Isla", "Emily", "Sophie", "Grace", "Charlotte", "Jessica", "Elizabeth", "Katherine", "Margaret", "Rebecca", "Hannah", "Lucy", "Chloe", "Eleanor", "Victoria", "Alexandra", "Jennifer", "Susan", "Deborah", "Patricia", "Abigail", "Pamela", "Amanda", "Samantha", "Freya", "Poppy", "Niamh", "Siobhán", "Zoë", "Imogen", "Harriet", "Gemma", "Joanne", "Kirsty", "Fiona", "Aoife", "Megan", "Bethan"],
    surnames: ["Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson", "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall", "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill", "Ward", "Morris", "Moore", "Clark", "Lee", "King", "Baker", "Harrison", "Morgan", "Allen", "James", "Scott", "Phillips", "Watson", "Davis", "Parker", "Price", "Bennett", "Young", "Griffiths", "Mitchell", "Kelly", "Cook", "Carter", "Richardson", "Bailey", "Collins", "Bell", "Shaw", "Murphy", "Miller", "Cox", "Richards", "Khan", "Marshall", "Anderson", "Simpson", "Ellis", "Adams", "Singh", "Begum", "Wilkinson", "Foster", "Chapman", "Powell", "Webb", "Rogers", "Gray", "Mason", "Ali", "Hunt", "Hussain", "Campbell", "Matthews", "Owen", "Palmer", "Holmes", "Mills", "Barnes", "Knight", "Lloyd", "Butler", "Russell", "Barker", "Fisher", "Stevens", "Jenkins", "Murray", "Dixon", "Harvey", "O'Brien", "O'Connor", "McDonald", "MacLeod", "Fitzgerald", "Ó Súilleabháin", "Llewellyn", "Pritchard", "Gallagher", "Doherty"],
    cities: ["London", "Manchester", "Birmingham", "Leeds", "Glasgow", "Bristol", "Liverpool", "Sheffield", "Edinburgh", "Cardiff", "Leicester", "Nottingham", "Newcastle upon Tyne", "Brighton", "Southampton", "York", "Norwich", "Exeter", "Aberdeen", "Swansea", "Belfast", "Oxford", "Cambridge", "Bath", "Derby", "Coventry", "Reading", "Plymouth", "Inverness", "Stoke-on-Trent"],
    domains: ["gmail.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk", "btinternet.com", "icloud.com", "sky.com"],
    streets: ["High Street", "Station Road", "Church Lane", "Victoria Road", "Green Lane", "Manor Road", "Park Avenue", "Mill Lane", "Queen's Road", "King Street"],
  },
  {
    code: "fr",
    calling: "33",
    trunk: "0",
    mobile: [["6", "7"], 8],
    male: ["Jean", "Pierre", "Michel", "André", "Philippe", "François", "Jérôme", "Stéphane", "Frédéric", "Sébastien", "Nicolas", "Julien", "Mathieu", "Antoine", "Benoît", "Hervé", "Régis", "Gaël", "Loïc", "Thierry", "Grégoire", "Étienne", "Rémi", "Cédric", "Léo", "Hugo", "Théo", "Maël", "Raphaël", "Noël", "Gérard", "Bernard", "Alain", "Dominique", "Christophe", "Laurent", "Olivier", "Yannick", "Aurélien", "Jérémy"],
    female: ["Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Françoise", "Valérie", "Céline", "Émilie", "Hélène", "Chloé", "Léa", "Manon", "Zoé", "Mélanie", "Aurélie", "Agnès", "Bérénice", "Camille", "Noémie", "Inès", "Margaux", "Anaïs", "Clémence", "Laëtitia", "Géraldine", "Séverine", "Brigitte", "Monique", "Élodie", "Cécile", "Solène", "Maëlys", "Océane", "Josiane", "Ghislaine"],
    surnames: ["Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent", "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent", "Muller", "Lefebvre", "Faure", "André", "Mercier", "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier", "Garcia", "Perrin", "Robin", "Clément", "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson", "Marchand", "Duval", "Denis", "Dumont", "Lemaire", "Noël", "Meyer", "Dufour", "Meunier", "Brun", "Blanchard", "Giraud", "Joly", "Rivière", "Lucas", "Brunet", "Gaillard", "Barbier", "Arnaud", "Gérard", "Roche", "Renard", "Schmitt", "Roy", "Leroux", "Colin", "Vidal", "Caron", "Picard", "Roger", "Fabre", "Aubert", "Lemoine", "Renaud", "Dumas", "Lacroix", "Olivier", "Bourgeois", "Benoît", "Rey", "Leclerc", "Payet", "Rolland", "Guillaume", "Lecomte", "Dupuy", "Hubert", "Berger", "Carpentier", "Moulin", "Deschamps", "Huet", "Vasseur", "Boucher", "Fleury", "Royer", "Jacquet", "Poirier", "Marty", "Aubry", "Guyot", "Carré", "Renault", "Charpentier", "Ménard", "Maillard", "Bertin", "Bailly", "Le Gall", "Collet", "Léger", "Bouvier", "Prévost", "Perrot", "Le Roux", "Germain", "Breton", "Besson", "Langlois", "Rémy", "Le Goff", "Pelletier", "Lévêque", "Perrier", "Leblanc", "Barré", "Lebrun", "Hamon", "Boulanger", "Michaud", "Guichard", "Étienne", "Grondin", "Tessier", "Chauvin", "Da Silva", "Lemaître", "Bénard", "Maréchal", "Humbert", "Reynaud", "Hoarau", "Barthélemy", "Cordier", "Pichon", "Lejeune", "Delaunay", "Pasquier", "Laporte", "D'Almeida", "Saint-Martin"],
    cities: ["Paris", "Marseille", "Lyon", "Toulouse", "Nice", "Nantes", "Montpellier", "Strasbourg", "Bordeaux", "Lille", "Rennes", "Reims", "Saint-Étienne", "Le Havre", "Toulon", "Grenoble", "Dijon", "Angers", "Nîmes", "Besançon", "Orléans", "Mulhouse", "Rouen", "Caen", "Nancy", "Perpignan", "Limoges", "Clermont-Ferrand", "Aix-en-Provence", "Brest"],
    domains: ["gmail.com", "orange.fr", "free.fr", "hotmail.fr", "laposte.net", "sfr.fr", "wanadoo.fr", "yahoo.fr"],
    streets: ["rue de la Paix", "avenue Jean Jaurès", "rue Victor Hugo", "boulevard Pasteur", "rue de l'Église", "place de la République", "rue des Écoles", "chemin des Vignes", "allée des Tilleuls", "rue du Moulin"],
  },
  {
    code: "de",
    calling: "49",
    trunk: "0",
    mobile: [["151", "160", "170", "171", "176"], 8],
    male: ["Lukas", "Jürgen", "Günter", "Stefan", "Andreas", "Thomas", "Michael", "Klaus", "Wolfgang", "Matthias", "Sebastian", "Tobias", "Jörg", "Uwe", "Maximilian", "Felix", "Jonas", "Leon", "Paul", "Björn", "Dieter", "Horst", "Manfred", "Rüdiger", "Bernd", "Frank", "Ralf", "Sven", "Torsten", "Henrik", "Florian", "Moritz", "Niklas", "Jan", "Timo", "Dirk", "Helmut", "Karl-Heinz", "Hans-Peter", "Johannes"],
    female: ["Anna", "Ursula", "Monika", "Sabine", "Petra", "Andrea", "Claudia", "Käthe", "Lena", "Lea", "Hannah", "Sophie", "Maria", "Katharina", "Julia", "Laura", "Sarah", "Jana", "Birgit", "Renate", "Gisela", "Heike", "Susanne", "Jülide", "Dörte", "Bärbel", "Anke", "Silke", "Kerstin", "Franziska", "Charlotte", "Mia", "Emma", "Marlene", "Greta", "Annegret", "Ilse", "Waltraud", "Jutta", "Elke"],
    surnames: ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Schmitz", "Krause", "Meier", "Lehmann", "Schmid", "Schulze", "Maier", "Köhler", "Herrmann", "König", "Walter", "Mayer", "Huber", "Kaiser", "Fuchs", "Peters", "Lang", "Scholz", "Möller", "Weiß", "Jung", "Hahn", "Schubert", "Vogel", "Friedrich", "Keller", "Günther", "Frank", "Berger", "Winkler", "Roth", "Beck", "Lorenz", "Baumann", "Franke", "Albrecht", "Schuster", "Simon", "Ludwig", "Böhm", "Winter", "Kraus", "Martin", "Schumacher", "Krämer", "Vogt", "Stein", "Jäger", "Otto", "Sommer", "Groß", "Seidel", "Heinrich", "Brandt", "Haas", "Schreiber", "Graf", "Schulte", "Dietrich", "Ziegler", "Kuhn", "Kühn", "Pohl", "Engel", "Horn", "Busch", "Bergmann", "Thomas", "Voigt", "Sauer", "Arnold", "Wolff", "Pfeiffer", "von Bülow", "Oßwald", "Dürr", "Kößler"],
    cities: ["Berlin", "Hamburg", "München", "Köln", "Frankfurt am Main", "Stuttgart", "Düsseldorf", "Leipzig", "Dortmund", "Essen", "Bremen", "Dresden", "Hannover", "Nürnberg", "Duisburg", "Bochum", "Münster", "Würzburg", "Göttingen", "Lübeck", "Osnabrück", "Saarbrücken", "Tübingen", "Freiburg im Breisgau", "Regensburg", "Kiel", "Rostock", "Erfurt", "Mainz", "Gießen"],
    domains: ["gmail.com", "web.de", "gmx.de", "t-online.de", "gmx.net", "outlook.de", "posteo.de"],
    streets: ["Hauptstraße", "Schulstraße", "Gartenstraße", "Bahnhofstraße", "Dorfstraße", "Bergstraße", "Lindenstraße", "Kirchweg", "Am Mühlbach", "Goethestraße"],
  },
  {
    code: "es",
    calling: "34",
    trunk: "",
    mobile: [["6", "7"], 8],
    male: ["José", "Antonio", "Manuel", "Francisco", "Juan", "David", "Javier", "Jesús", "Daniel", "Carlos", "Miguel", "Alejandro", "Rafael", "Pablo", "Sergio", "Fernando", "Jorge", "Álvaro", "Adrián", "Iñigo", "Ramón", "Joaquín", "Andrés", "Óscar", "Rubén", "Iván", "Víctor", "Raúl", "Hugo", "Martín", "Nicolás", "Tomás", "Ignacio", "Gonzalo", "Íker", "Héctor", "Julián", "Lucas", "Mateo", "Enrique"],
    female: ["María", "Carmen", "Ana", "Isabel", "Laura", "Cristina", "Marta", "Lucía", "Elena", "Sara", "Paula", "Raquel", "Rocío", "Inés", "Sofía", "Beatriz", "Nuria", "Silvia", "Patricia", "Mónica", "Verónica", "Ángela", "Pilar", "Dolores", "Montserrat", "Begoña", "Irene", "Alba", "Noelia", "Lorena", "Almudena", "Marina", "Julia", "Claudia", "Nerea", "Ainhoa", "Iratxe", "Maite", "Consuelo", "Remedios"],
    surnames: ["García", "Rodríguez", "González", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez", "Romero", "Alonso", "Gutiérrez", "Navarro", "Torres", "Domínguez", "Vázquez", "Ramos", "Gil", "Ramírez", "Serrano", "Blanco", "Molina", "Morales", "Suárez", "Ortega", "Delgado", "Castro", "Ortiz", "Rubio", "Marín", "Sanz", "Núñez", "Iglesias", "Medina", "Garrido", "Cortés", "Castillo", "Santos", "Lozano", "Guerrero", "Cano", "Prieto", "Méndez", "Cruz", "Calvo", "Gallego", "Vidal", "León", "Márquez", "Herrera", "Peña", "Flores", "Cabrera", "Campos", "Vega", "Fuentes", "Carrasco", "Diez", "Caballero", "Reyes", "Nieto", "Aguilar", "Pascual", "Santana", "Herrero", "Lorenzo", "Montero", "Hidalgo", "Giménez", "Ibáñez", "Ferrer", "Durán", "Santiago", "Benítez", "Mora", "Vicente", "Vargas", "Arias", "Carmona", "Crespo", "Román", "Pastor", "Soto", "Sáez", "Velasco", "Moya", "Soler", "Parra", "Esteban", "Bravo", "Gallardo", "Rojas", "Echeverría", "Goikoetxea", "de la Fuente", "del Río"],
    cities: ["Madrid", "Barcelona", "Valencia", "Sevilla", "Zaragoza", "Málaga", "Murcia", "Palma", "Bilbao", "Alicante", "Córdoba", "Valladolid", "Vigo", "Gijón", "A Coruña", "Cádiz", "León", "Granada", "Oviedo", "Pamplona", "San Sebastián", "Santander", "Salamanca", "Logroño", "Almería", "Cáceres", "Jaén", "Tarragona", "Girona", "Ávila"],
    domains: ["gmail.com", "hotmail.es", "yahoo.es", "telefonica.net", "outlook.es", "icloud.com"],
    streets: ["Calle Mayor", "Avenida de la Constitución", "Calle Real", "Plaza de España", "Calle del Carmen", "Paseo de la Castellana", "Calle San Juan", "Avenida Andalucía", "Calle Nueva", "Camino Viejo"],
  },
  {
    code: "it",
    calling: "39",
    trunk: "",
    mobile: [["320", "328", "333", "339", "347", "348", "366", "380"], 7],
    male: ["Giuseppe", "Giovanni", "Antonio", "Mario", "Luigi", "Francesco", "Angelo", "Vincenzo", "Pietro", "Salvatore", "Carlo", "Franco", "Domenico", "Bruno", "Paolo", "Michele", "Giorgio", "Alessandro", "Lorenzo", "Matteo", "Niccolò", "Leonardo", "Andrea", "Marco", "Stefano", "Gianluca", "Emanuele", "Riccardo", "Davide", "Simone", "Federico", "Tommaso", "Gabriele", "Nicolò", "Raffaele", "Gennaro", "Ciro", "Cosimo", "Fabrizio", "Massimo"],
    female: ["Maria", "Anna", "Giuseppina", "Rosa", "Angela", "Giovanna", "Teresa", "Lucia", "Carmela", "Caterina", "Francesca", "Chiara", "Giulia", "Sofia", "Martina", "Alessia", "Elena", "Federica", "Valentina", "Silvia", "Aurora", "Ginevra", "Beatrice", "Noemi", "Rosaria", "Concetta", "Assunta", "Immacolata", "Antonella", "Patrizia", "Daniela", "Roberta", "Paola", "Cristina", "Serena", "Ilaria", "Eleonora", "Benedetta", "Gaia", "Vittoria"],
    surnames: ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso", "Ferrara", "Galli", "Martini", "Leone", "Longo", "Gentile", "Martinelli", "Vitale", "Lombardo", "Serra", "Coppola", "De Santis", "D'Angelo", "Marchetti", "Parisi", "Villa", "Conte", "Ferraro", "Ferri", "Fabbri", "Bianco", "Marini", "Grasso", "Valentini", "Messina", "Sala", "De Angelis", "Gatti", "Pellegrini", "Palumbo", "Sanna", "Farina", "Rizzi", "Monti", "Cattaneo", "Morelli", "Amato", "Silvestri", "Mazza", "Testa", "Grassi", "Pellegrino", "Carbone", "Giuliani", "Benedetti", "Barone", "Rossetti", "Caputo", "Montanari", "Guerra", "Palmieri", "Bernardi", "Martino", "Fiore", "De Rosa", "Ferretti", "Bellini", "Basile", "Riva", "Donati", "Piras", "Vitali", "Battaglia", "Sartori", "Neri", "Costantini", "Milani", "Pagano", "Ruggiero", "Sorrentino", "D'Amico", "Orlando", "Negri", "Nicolò", "Fabbrò", "Pirrò"],
    cities: ["Roma", "Milano", "Napoli", "Torino", "Palermo", "Genova", "Bologna", "Firenze", "Bari", "Catania", "Venezia", "Verona", "Messina", "Padova", "Trieste", "Forlì", "Cantù", "Brescia", "Parma", "Prato", "Modena", "Reggio Calabria", "Perugia", "Livorno", "Cagliari", "Ravenna", "Rimini", "Salerno", "Sassari", "Lecce"],
    domains: ["gmail.com", "libero.it", "virgilio.it", "hotmail.it", "alice.it", "tiscali.it", "yahoo.it"],
    streets: ["Via Roma", "Via Garibaldi", "Via Mazzini", "Corso Vittorio Emanuele", "Via Dante", "Piazza del Popolo", "Via Cavour", "Via San Giuseppe", "Viale della Libertà", "Via dei Mille"],
  },
]

/** Nicknames the generator plants (a formal name → what people also sign with). */
export const NICKNAMES_PLANTED: Record<string, string[]> = {
  Robert: ["Bob", "Rob", "Bobby"],
  William: ["Bill", "Will"],
  Richard: ["Rick", "Dick", "Rich"],
  James: ["Jim", "Jimmy", "Jamie"],
  Michael: ["Mike", "Mick"],
  Thomas: ["Tom", "Tommy"],
  Joseph: ["Joe", "Joey"],
  Christopher: ["Chris"],
  Daniel: ["Dan", "Danny"],
  David: ["Dave"],
  Edward: ["Ed", "Eddie", "Ted"],
  Anthony: ["Tony"],
  Andrew: ["Andy", "Drew"],
  Matthew: ["Matt"],
  Nicholas: ["Nick"],
  Stephen: ["Steve"],
  Benjamin: ["Ben"],
  Samuel: ["Sam"],
  Alexander: ["Alex"],
  Peter: ["Pete"],
  Timothy: ["Tim"],
  Patrick: ["Pat", "Paddy"],
  Henry: ["Harry"],
  Philip: ["Phil"],
  Kenneth: ["Ken"],
  Elizabeth: ["Liz", "Beth", "Lizzie"],
  Margaret: ["Maggie", "Peggy"],
  Katherine: ["Kate", "Katie", "Kathy"],
  Jennifer: ["Jenny", "Jen"],
  Rebecca: ["Becky"],
  Susan: ["Sue"],
  Deborah: ["Debbie"],
  Patricia: ["Trish", "Patty"],
  Victoria: ["Vicky"],
  Alexandra: ["Alex", "Lexi"],
  Samantha: ["Sam"],
  Jessica: ["Jess"],
  Abigail: ["Abby"],
  Eleanor: ["Ellie", "Nell"],
  Pamela: ["Pam"],
  Amanda: ["Mandy"],
  Giuseppe: ["Peppe", "Pino", "Beppe"],
  Francesco: ["Checco", "Cesco"],
  Salvatore: ["Totò", "Turi"],
  Giuseppina: ["Pina"],
  Francisco: ["Paco", "Curro"],
  José: ["Pepe"],
  Manuel: ["Manolo"],
  Dolores: ["Lola"],
  Ignacio: ["Nacho"],
  Johannes: ["Hannes", "Hans"],
  Katharina: ["Katja", "Kathi"],
  Franziska: ["Franzi"],
  Nicolas: ["Nico"],
  Catherine: ["Cathy"],
}
