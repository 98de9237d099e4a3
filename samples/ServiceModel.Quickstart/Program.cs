// The ServiceModel walkthrough: later issues grow it into the full tour of a Service.
Console.WriteLine("ServiceModel quickstart");
